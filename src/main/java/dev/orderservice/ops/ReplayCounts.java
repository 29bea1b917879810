package dev.orderservice.ops;

/**
 * What a replay did (or, in a dry run, would do). Every examined row ends in exactly one of
 * stored, duplicates, conflicts, still invalid, store errors or not replayable.
 */
final class ReplayCounts {

    long examined;
    /** Rows whose message passes validation now: stored + duplicates + conflicts + store errors. */
    long nowValid;
    long stored;
    long duplicates;
    long conflicts;
    long stillInvalid;
    long storeErrors;
    long notReplayable;

    String summary(boolean dryRun) {
        return (dryRun ? "dry run, nothing changed: " : "") + "examined " + examined + ", now valid " + nowValid
                + " (" + (dryRun ? "would store " : "stored ") + stored + ", duplicates " + duplicates
                + ", conflicts " + conflicts + (storeErrors > 0 ? ", failed to store " + storeErrors : "")
                + "), still invalid " + stillInvalid + ", not replayable " + notReplayable;
    }
}
