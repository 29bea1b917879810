package dev.orderservice.access;

/**
 * What a request's credentials came to. {@link Outcome#PENDING} says the answer needs work that
 * may block (verifying a JWT not seen before, which can mean fetching the issuer's keys): the
 * caller moves off the selector thread and asks {@link Access#verify}.
 *
 * @param outcome   the verdict
 * @param principal who it is, for {@link Outcome#GRANTED} only
 */
public record Authentication(Outcome outcome, Principal principal) {

    public enum Outcome {
        /** Valid credentials; the route still checks the scope. */
        GRANTED,
        /** No credentials at all: 401 without an error code. */
        MISSING,
        /** Credentials that are not valid (unknown, malformed, expired, wrong audience): 401 invalid_token. */
        INVALID,
        /** A JWT whose issuer's keys cannot be fetched now: 503, try again. */
        UNAVAILABLE,
        /** Needs a blocking verification first. */
        PENDING
    }

    static final Authentication MISSING = new Authentication(Outcome.MISSING, null);
    static final Authentication INVALID = new Authentication(Outcome.INVALID, null);
    static final Authentication UNAVAILABLE = new Authentication(Outcome.UNAVAILABLE, null);
    static final Authentication PENDING = new Authentication(Outcome.PENDING, null);
    static final Authentication ANONYMOUS = granted(Principal.ANONYMOUS);

    static Authentication granted(Principal principal) {
        return new Authentication(Outcome.GRANTED, principal);
    }
}
