package dev.orderservice.config;

import picocli.CommandLine.ExitCode;

/**
 * How every command ends, one set for all of them. The numbers are picocli's own, so that its
 * answer to bad options (usage, 2) is one of ours; serve that cannot start shares that 2.
 */
public final class ExitCodes {

    /** The command did what it was asked; every check passed. */
    public static final int OK = ExitCode.OK;
    /** A one-shot command ran and failed, or a check did not pass; one line on stderr says why. */
    public static final int FAILED = ExitCode.SOFTWARE;
    /** Bad options or values, reported by picocli with the usage. */
    public static final int BAD_OPTIONS = ExitCode.USAGE;
    /** serve cannot start (bad configuration, a port taken, a fatal store problem). */
    public static final int CANNOT_START = ExitCode.USAGE;

    private ExitCodes() {
    }
}
