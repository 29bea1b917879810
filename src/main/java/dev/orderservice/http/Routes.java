package dev.orderservice.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The routing table: API routes by exact path or by one path segment under a prefix
 * ({@code /api/orders/{id}}), and the mounts of static files tried, in order, for any other path.
 *
 * <p>Every route and mount has a number, its index in {@link #templates()}, which is how
 * {@link HttpMetrics} tags requests without looking strings up. Built once and never changed: a
 * lookup is a few {@code startsWith}s and one hash lookup, with no allocation and no regular
 * expression, because it sits in front of the hot path.
 */
final class Routes {

    /** The number {@link #find} answers when no API route serves the path. */
    static final int NONE = -1;

    private final Route[] routes;
    private final Map<String, Integer> exact;
    private final String[] prefixes;
    private final int[] prefixRoutes;
    private final StaticFiles[] mounts;

    private Routes(Builder builder) {
        this.routes = builder.routes.toArray(Route[]::new);
        this.exact = Map.copyOf(builder.exact);
        this.prefixes = builder.prefixes.toArray(String[]::new);
        this.prefixRoutes = builder.prefixRoutes.stream().mapToInt(Integer::intValue).toArray();
        this.mounts = builder.mounts.toArray(StaticFiles[]::new);
    }

    static Builder builder() {
        return new Builder();
    }

    /** The number of the API route serving this (decoded, normalised) path, or {@link #NONE}. */
    int find(String path) {
        for (int i = 0; i < prefixes.length; i++) {
            String prefix = prefixes[i];
            if (path.length() > prefix.length() && path.startsWith(prefix) && path.indexOf('/', prefix.length()) < 0) {
                return prefixRoutes[i];
            }
        }
        Integer route = exact.get(path);
        return route == null ? NONE : route;
    }

    Route route(int number) {
        return routes[number];
    }

    /** The number of the static mount for a path no route serves; the last mount takes every path. */
    int mount(String path) {
        for (int i = 0; i < mounts.length - 1; i++) {
            if (mounts[i].serves(path)) {
                return routes.length + i;
            }
        }
        return routes.length + mounts.length - 1;
    }

    StaticFiles files(int number) {
        return mounts[number - routes.length];
    }

    List<StaticFiles> mounts() {
        return List.of(mounts);
    }

    /** Templates of the routes, then of the mounts, indexed by their numbers. */
    List<String> templates() {
        List<String> templates = new ArrayList<>();
        for (Route route : routes) {
            templates.add(route.template());
        }
        for (StaticFiles mount : mounts) {
            templates.add(mount.path());
        }
        return templates;
    }

    /** Every "METHOD /path" served, mounts included: what the OpenAPI document must describe. */
    Set<String> served() {
        Set<String> served = new LinkedHashSet<>();
        for (Route route : routes) {
            route.methods().forEach(method -> served.add(method + " " + route.template()));
        }
        for (StaticFiles mount : mounts) {
            served.add("GET " + mount.path());
        }
        return served;
    }

    /** The API routes, in their numbers' order. */
    List<Route> all() {
        return List.of(routes);
    }

    static final class Builder {

        private final List<Route> routes = new ArrayList<>();
        private final Map<String, Integer> exact = new HashMap<>();
        private final List<String> prefixes = new ArrayList<>();
        private final List<Integer> prefixRoutes = new ArrayList<>();
        private final List<StaticFiles> mounts = new ArrayList<>();

        private Builder() {
        }

        /** A route at its template: an exact path, or a prefix ending in one {@code {parameter}} segment. */
        Builder get(Route route) {
            int number = routes.size();
            routes.add(route);
            String template = route.template();
            int brace = template.indexOf('{');
            if (brace < 0) {
                put(template, number);
            } else if (brace > 0 && template.charAt(brace - 1) == '/'
                    && template.indexOf('}') == template.length() - 1) {
                String prefix = template.substring(0, brace);
                if (prefixes.contains(prefix)) {
                    throw new IllegalArgumentException(template + " is routed twice");
                }
                prefixes.add(prefix);
                prefixRoutes.add(number);
            } else {
                throw new IllegalArgumentException("only a last {parameter} segment is supported: " + template);
            }
            return this;
        }

        /** A collection route, which also answers with a trailing slash ({@code /api/orders/}). */
        Builder collection(Route route) {
            get(route);
            put(route.template() + "/", routes.size() - 1);
            return this;
        }

        /** Static files for the paths no route serves; the last mount added takes every such path. */
        Builder files(StaticFiles mount) {
            mounts.add(mount);
            return this;
        }

        Routes build() {
            if (mounts.isEmpty()) {
                throw new IllegalStateException("the page's files are mounted last and take every other path");
            }
            return new Routes(this);
        }

        private void put(String path, int number) {
            if (exact.putIfAbsent(path, number) != null) {
                throw new IllegalArgumentException(path + " is routed twice");
            }
        }
    }
}
