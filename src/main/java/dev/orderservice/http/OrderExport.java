package dev.orderservice.http;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.orderservice.store.Listings;
import dev.orderservice.store.Page;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.sql.SQLException;
import java.util.List;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /api/orders.csv}: a search's result for a spreadsheet, newest first, at most
 * {@link #MAX_ROWS} rows ({@code X-Truncated: true} when there were more, {@code false} otherwise). RFC 4180 (quoting by
 * Jackson's CSV writer, CRLF line ends); a text cell that a spreadsheet would read as a formula
 * (it starts with = + - @, a tab or a carriage return) is prefixed with an apostrophe, which
 * spreadsheets show as text: order fields come from publishers, and are not trusted.
 */
final class OrderExport {

    static final int MAX_ROWS = 10_000;
    static final List<String> HEADER = List.of("order_uid", "track_number", "customer_id", "delivery_service",
            "date_created", "amount", "currency", "item_count", "received_at");
    private static final HttpField CSV = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "text/csv; charset=utf-8");
    private static final HttpField ATTACHMENT = new PreEncodedHttpField(HttpHeader.CONTENT_DISPOSITION,
            "attachment; filename=\"orders.csv\"");
    private static final HttpField TRUNCATED = new PreEncodedHttpField("X-Truncated", "true");
    private static final HttpField COMPLETE = new PreEncodedHttpField("X-Truncated", "false");
    /** Quotes only the cells that need it (a comma, a quote, a line break, or blanks at an end). */
    private static final CsvMapper MAPPER = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .build();
    private static final CsvSchema RFC_4180 = CsvSchema.emptySchema().withLineSeparator("\r\n");

    private final Listings listings;
    private final int maxRows;

    OrderExport(Listings listings) {
        this(listings, MAX_ROWS);
    }

    OrderExport(Listings listings, int maxRows) {
        this.listings = listings;
        this.maxRows = maxRows;
    }

    void export(Request req, Response res, Callback callback) {
        SearchQuery.Parsed<Listings.OrderFilter> query = SearchQuery.export(Request.extractQueryParameters(req));
        if (query.refusal() != null) {
            Problems.badParameter(res, callback, query.refusal().parameter(), query.refusal().detail());
            return;
        }
        Page<Listings.OrderSummary> rows;
        try {
            rows = listings.orders(query.filter(), null, maxRows);
        } catch (SQLException e) {
            Problems.unavailable(res, callback, "the order store is unavailable; try again shortly");
            return;
        }
        res.getHeaders().put(CSV);
        res.getHeaders().put(ATTACHMENT);
        res.getHeaders().put(HttpApi.NO_STORE);
        res.getHeaders().put(rows.next() != null ? TRUNCATED : COMPLETE);
        res.write(true, ByteBuffer.wrap(csv(rows.items())), callback);
    }

    static byte[] csv(List<Listings.OrderSummary> orders) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128 + orders.size() * 160);
        try (SequenceWriter writer = MAPPER.writer(RFC_4180).writeValues(out)) {
            writer.write(HEADER);
            for (Listings.OrderSummary o : orders) {
                writer.write(List.of(text(o.orderUid()), text(o.trackNumber()), text(o.customerId()),
                        text(o.deliveryService()), text(o.dateCreated()), String.valueOf(o.amount()),
                        text(o.currency()), String.valueOf(o.itemCount()), o.receivedAt().toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing CSV to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    /** A text cell as a spreadsheet must see it: never a formula. */
    static String text(String cell) {
        if (cell.isEmpty()) {
            return cell;
        }
        return switch (cell.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + cell;
            default -> cell;
        };
    }
}
