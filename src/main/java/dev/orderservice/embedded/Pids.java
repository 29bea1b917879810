package dev.orderservice.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Reading pid files and stopping what they name: how a restart cleans up after a killed parent. */
final class Pids {

    private Pids() {
    }

    /** The pid on the first line of a pid file (PostgreSQL's postmaster.pid has the same shape). */
    static Optional<Long> read(Path pidFile) {
        try {
            String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
            return Optional.of(Long.parseLong(first));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Asks the process to stop (SIGTERM), then forces it (SIGKILL) after the grace period. */
    static void stop(ProcessHandle process, Duration grace) throws InterruptedException {
        process.destroy();
        try {
            process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            try {
                process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException ignored) {
                // nothing more can be done from here; the start that follows will report the clash
            }
        }
    }
}
