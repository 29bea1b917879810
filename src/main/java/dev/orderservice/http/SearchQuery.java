package dev.orderservice.http;

import dev.orderservice.store.Listings;
import dev.orderservice.validation.RejectReason;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.jetty.util.Fields;

/**
 * The query of a console search: the filters and the paging, or the one parameter that makes it
 * unanswerable, named so that the 400 can say which. Every parameter is known, given once and
 * non-empty; an unknown one is refused rather than ignored, so a misspelt filter never silently
 * widens a search.
 */
final class SearchQuery {

    /** Longest value of a text filter; stored fields are shorter (validation), so longer cannot match. */
    static final int MAX_VALUE_CHARS = 256;
    static final Set<String> ORDER_FILTERS = Set.of("track_number", "customer_id", "phone", "email", "from", "to");
    static final Set<String> REJECTED_FILTERS = Set.of("reason", "from", "to");
    private static final Set<String> PAGING = Set.of("limit", "before");
    private static final List<String> REASONS = Arrays.stream(RejectReason.values()).map(RejectReason::code).toList();

    /** Why a query cannot be answered: the parameter and a sentence for people. */
    record Refusal(String parameter, String detail) {
    }

    /** A parsed query: the filter and paging, or the refusal (then both are null). */
    record Parsed<F>(F filter, Cursors.Paging paging, Refusal refusal) {
        static <F> Parsed<F> refused(String parameter, String detail) {
            return new Parsed<>(null, null, new Refusal(parameter, detail));
        }
    }

    private SearchQuery() {
    }

    /** {@code GET /api/orders}: the order filters and paging. */
    static Parsed<Listings.OrderFilter> orders(Fields query) {
        return orders(query, true);
    }

    /** {@code GET /api/orders.csv}: the order filters alone (the export is bounded, not paged). */
    static Parsed<Listings.OrderFilter> export(Fields query) {
        return orders(query, false);
    }

    private static Parsed<Listings.OrderFilter> orders(Fields query, boolean paged) {
        Refusal refusal = refuseShape(query, ORDER_FILTERS, paged);
        if (refusal != null) {
            return new Parsed<>(null, null, refusal);
        }
        String phone = query.getValue("phone");
        if (phone != null && strip(phone, Listings.PHONE_PUNCTUATION).isEmpty()) {
            return Parsed.refused("phone", "phone must hold more than spaces, dashes, dots and parentheses");
        }
        String email = query.getValue("email");
        if (email != null && email.indexOf('@') <= 0) {
            return Parsed.refused("email", "email must be an e-mail address (stored ones all have an @)");
        }
        Parsed<Instant[]> range = range(query);
        if (range.refusal() != null) {
            return new Parsed<>(null, null, range.refusal());
        }
        var filter = new Listings.OrderFilter(query.getValue("track_number"), query.getValue("customer_id"), phone,
                email, range.filter()[0], range.filter()[1]);
        return new Parsed<>(filter, paged ? Cursors.of(query).orElseThrow() : null, null);
    }

    /** {@code GET /api/rejected}: reason, from/to on received_at, paging. */
    static Parsed<Listings.RejectedFilter> rejected(Fields query) {
        Refusal refusal = refuseShape(query, REJECTED_FILTERS, true);
        if (refusal != null) {
            return new Parsed<>(null, null, refusal);
        }
        String reason = query.getValue("reason");
        if (reason != null && !REASONS.contains(reason)) {
            return Parsed.refused("reason", "reason must be one of " + String.join(", ", REASONS));
        }
        Parsed<Instant[]> range = range(query);
        if (range.refusal() != null) {
            return new Parsed<>(null, null, range.refusal());
        }
        return new Parsed<>(new Listings.RejectedFilter(reason, range.filter()[0], range.filter()[1]),
                Cursors.of(query).orElseThrow(), null);
    }

    /** The reason codes a rejected search may filter by: every one there is, from the enum. */
    static List<String> reasons() {
        return REASONS;
    }

    /** Unknown, repeated, empty or overlong parameters, and malformed paging; null when none. */
    private static Refusal refuseShape(Fields query, Set<String> filters, boolean paged) {
        for (Fields.Field field : query) {
            String name = field.getName();
            if (!filters.contains(name) && !(paged && PAGING.contains(name))) {
                return new Refusal(shown(name), "unknown parameter '" + shown(name) + "'; this route takes "
                        + known(filters, paged));
            }
            if (field.getValues().size() > 1) {
                return new Refusal(name, name + " is given more than once");
            }
            String value = field.getValue();
            if (value.isEmpty()) {
                return new Refusal(name, name + " is empty; leave it out to not filter on it");
            }
            if (value.length() > MAX_VALUE_CHARS) {
                return new Refusal(name, name + " is longer than " + MAX_VALUE_CHARS + " characters");
            }
        }
        if (paged && Cursors.of(query).isEmpty()) {
            String name = Cursors.refused(query);
            return new Refusal(name, name + " is malformed: " + Cursors.describe());
        }
        return null;
    }

    /** from and to, each a date (its start, UTC) or an instant with an offset; from before to. */
    private static Parsed<Instant[]> range(Fields query) {
        Instant[] range = new Instant[2];
        String[] names = {"from", "to"};
        for (int i = 0; i < 2; i++) {
            String text = query.getValue(names[i]);
            if (text == null) {
                continue;
            }
            range[i] = instant(text);
            if (range[i] == null) {
                return Parsed.refused(names[i], names[i] + " must be an ISO-8601 date (2026-12-01, that day's start in"
                        + " UTC) or a date and time with an offset (2026-12-01T10:00:00Z, 2026-12-01T13:00:00+03:00)");
            }
        }
        if (range[0] != null && range[1] != null && !range[0].isBefore(range[1])) {
            return Parsed.refused("to", "to must be later than from (from is inclusive, to exclusive)");
        }
        return new Parsed<>(range, null, null);
    }

    /**
     * The instant a from/to value names, or null when it is neither form. A space stands for the
     * '+' of an offset: a '+' sent unencoded in a query arrives as one.
     */
    static Instant instant(String text) {
        String value = text.replace(' ', '+');
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value, DateTimeFormatter.ISO_LOCAL_DATE).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            OffsetDateTime time = OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            // ISO's signed years (+300000-01-01T00:00Z) parse, but PostgreSQL refuses them: that
            // would be a 503 "store unavailable" for what is a malformed parameter
            return time.getYear() >= 1 && time.getYear() <= 9999 ? time.toInstant() : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String strip(String value, String characters) {
        StringBuilder kept = new StringBuilder(value.length());
        value.chars().filter(c -> characters.indexOf(c) < 0).forEach(kept::appendCodePoint);
        return kept.toString();
    }

    private static String known(Set<String> filters, boolean paged) {
        return filters.stream().sorted().collect(Collectors.joining(", ")) + (paged ? ", limit and before"
                : " (the export is not paged: it holds the newest " + OrderExport.MAX_ROWS + " at most)");
    }

    /** A parameter name as sent, shortened and without control characters, for the problem. */
    private static String shown(String name) {
        String shortened = name.length() > 40 ? name.substring(0, 40) + "..." : name;
        return shortened.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
