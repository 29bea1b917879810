package dev.orderservice.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/order-service starts the packaged jar with deploy/jvm.options (ZGC), adds the generational
 * mode on the JDKs that need asking for it, and leaves the collector out when JDK_JAVA_OPTIONS
 * chooses one. The JDK is a fake whose java prints its arguments (run after package: the launcher
 * wants the jar).
 */
class LauncherStartsTheMeasuredJvmIT {

    @TempDir
    Path dir;

    @Test
    void startsWithZgcAndAsksForItsGenerationalModeOnJdk21() throws Exception {
        String line = launch(fakeJdk("21"), Map.of());
        assertThat(line.split(" ")).containsSubsequence("-XX:+UseZGC", "-XX:+ZGenerational", "-jar").contains("--help");
    }

    @Test
    void leavesTheGenerationalFlagToLaterJdks() throws Exception {
        String line = launch(fakeJdk("25"), Map.of());
        assertThat(line.split(" ")).containsSubsequence("-XX:+UseZGC", "-jar").doesNotContain("-XX:+ZGenerational");
    }

    @Test
    void aCollectorChosenInJdkJavaOptionsReplacesZgc() throws Exception {
        String line = launch(fakeJdk("21"), Map.of("JDK_JAVA_OPTIONS", "-Xmx1g -XX:+UseG1GC"));
        assertThat(line.split(" ")).contains("-jar").doesNotContain("-XX:+UseZGC", "-XX:+ZGenerational");
    }

    /** A JAVA_HOME whose java reports this version and otherwise prints its arguments. */
    private Path fakeJdk(String version) throws IOException {
        Path home = dir.resolve("jdk-" + version);
        Path bin = Files.createDirectories(home.resolve("bin"));
        script(bin.resolve("javac"), "exit 0");
        script(bin.resolve("java"), """
                case "$*" in *-XshowSettings:properties*) echo "    java.specification.version = %s" >&2; exit 0 ;; esac
                echo "$@"
                """.formatted(version));
        return home;
    }

    private static void script(Path path, String body) throws IOException {
        Files.writeString(path, "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static String launch(Path javaHome, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(List.of("bin/order-service", "--help")).redirectErrorStream(false);
        builder.environment().remove("JDK_JAVA_OPTIONS");
        builder.environment().put("JAVA_HOME", javaHome.toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                .isZero();
        return out;
    }
}
