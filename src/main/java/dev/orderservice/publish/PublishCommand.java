package dev.orderservice.publish;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the publisher lands. */
@Command(name = "publish")
public final class PublishCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 1;
    }
}
