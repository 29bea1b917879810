package dev.orderservice.validation;

/**
 * The tree path of {@link MessageDecoder} on its own, for the benchmarks (in another package) that
 * weigh the one-pass reader against it in one run.
 */
public final class DecodePaths {

    private DecodePaths() {
    }

    /** What decoding cost before the one-pass reader: every message parsed into a tree and judged there. */
    public static Verdict byTreeAlone(MessageDecoder decoder, byte[] payload) {
        return decoder.decodeByTree(payload);
    }
}
