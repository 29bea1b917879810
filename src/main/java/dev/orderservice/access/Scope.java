package dev.orderservice.access;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a caller may read. The route table ({@code http.HttpApi}) names the one scope each route
 * needs; a principal holds a set of them.
 */
public enum Scope {
    /** One order by id. */
    ORDERS_READ("orders:read"),
    /** Lists and searches of orders, the live feed, the status strip. */
    ORDERS_LIST("orders:list"),
    /** Rejected messages and their payload previews. */
    REJECTED_READ("rejected:read"),
    /** Metrics. */
    OPS("ops");

    private final String code;

    Scope(String code) {
        this.code = code;
    }

    /** The name in token files, JWT claims and the OpenAPI document, e.g. {@code orders:read}. */
    public String code() {
        return code;
    }

    /** The scope of this name, or null for a name that is not one of ours. */
    public static Scope of(String code) {
        for (Scope scope : values()) {
            if (scope.code.equals(code)) {
                return scope;
            }
        }
        return null;
    }

    /** Every scope, what an open (unauthenticated) service grants. */
    static Set<Scope> all() {
        return EnumSet.allOf(Scope.class);
    }
}
