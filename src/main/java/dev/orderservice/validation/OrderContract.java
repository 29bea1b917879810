package dev.orderservice.validation;

import static dev.orderservice.validation.OrderValidator.MAX_ITEMS;
import static dev.orderservice.validation.OrderValidator.MAX_LONG_TEXT;
import static dev.orderservice.validation.OrderValidator.MAX_SHORT_TEXT;

import dev.orderservice.model.OrderId;
import dev.orderservice.model.UsualTimestamp;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The order contract field by field (see guarantees.md): every JSON object of an order, the names
 * it carries and what each value must be. Stated once, read by both paths of a message: the tree
 * validator, which reports every way a message breaks it, and the one-pass reader, which only
 * ever accepts. The record an order becomes is put together from these fields by
 * {@link OrderValidator}, and that is the field order of its canonical JSON, whatever order a
 * message sends them in.
 */
final class OrderContract {

    /** Integers above this lose precision in JavaScript clients (2^53 - 1). */
    static final long MAX_SAFE_INTEGER = 9_007_199_254_740_991L;
    private static final long MAX_PERCENT = 100;
    private static final int MIN_YEAR = 1970;
    private static final int MAX_YEAR = 9999;
    private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Z]{3}");

    static final Shape ORDER = new Shape();
    static final Field.Text ORDER_UID = ORDER.text("order_uid", 1, OrderId.MAX_CHARS, OrderId::isWellFormed,
            "must be " + OrderId.describe());
    static final Field.Text TRACK_NUMBER = ORDER.text("track_number", 1, MAX_SHORT_TEXT);
    static final Field.Text ENTRY = ORDER.text("entry", 1, MAX_SHORT_TEXT);
    static final Field.Nested DELIVERY = ORDER.nested("delivery", Delivery.SHAPE);
    static final Field.Nested PAYMENT = ORDER.nested("payment", Payment.SHAPE);
    static final Field.NestedList ITEMS = ORDER.nestedList("items", Item.SHAPE, 1, MAX_ITEMS);
    static final Field.Text LOCALE = ORDER.text("locale", 1, 16);
    static final Field.Text INTERNAL_SIGNATURE = ORDER.text("internal_signature", 0, MAX_LONG_TEXT);
    static final Field.Text CUSTOMER_ID = ORDER.text("customer_id", 1, MAX_SHORT_TEXT);
    static final Field.Text DELIVERY_SERVICE = ORDER.text("delivery_service", 1, MAX_SHORT_TEXT);
    static final Field.Text SHARDKEY = ORDER.text("shardkey", 1, 16);
    static final Field.Integral SM_ID = ORDER.integral("sm_id", 0, MAX_SAFE_INTEGER);
    static final Field.Text DATE_CREATED = ORDER.text("date_created", 1, 40, OrderContract::isTimestamp,
            "must be an ISO-8601 timestamp with an offset, such as 2021-11-26T06:22:19Z");
    static final Field.Text OOF_SHARD = ORDER.text("oof_shard", 1, 16);

    private OrderContract() {
    }

    static final class Delivery {
        static final Shape SHAPE = new Shape();
        static final Field.Text NAME = SHAPE.text("name", 1, MAX_LONG_TEXT);
        static final Field.Text PHONE = SHAPE.text("phone", 1, MAX_SHORT_TEXT);
        static final Field.Text ZIP = SHAPE.text("zip", 0, MAX_SHORT_TEXT);
        static final Field.Text CITY = SHAPE.text("city", 1, MAX_LONG_TEXT);
        static final Field.Text ADDRESS = SHAPE.text("address", 1, MAX_LONG_TEXT);
        static final Field.Text REGION = SHAPE.text("region", 0, MAX_LONG_TEXT);
        static final Field.Text EMAIL = SHAPE.text("email", 0, MAX_LONG_TEXT,
                e -> e.isEmpty() || e.indexOf('@') > 0, "must be an e-mail address");

        private Delivery() {
        }
    }

    static final class Payment {
        static final Shape SHAPE = new Shape();
        static final Field.Text TRANSACTION = SHAPE.text("transaction", 1, MAX_SHORT_TEXT);
        static final Field.Text REQUEST_ID = SHAPE.text("request_id", 0, MAX_SHORT_TEXT);
        static final Field.Text CURRENCY = SHAPE.text("currency", 3, 3, c -> CURRENCY_CODE.matcher(c).matches(),
                "must be an ISO 4217 code such as USD");
        static final Field.Text PROVIDER = SHAPE.text("provider", 1, MAX_SHORT_TEXT);
        static final Field.Integral AMOUNT = SHAPE.integral("amount", 0, MAX_SAFE_INTEGER);
        static final Field.Integral PAYMENT_DT = SHAPE.integral("payment_dt", 0, MAX_SAFE_INTEGER);
        static final Field.Text BANK = SHAPE.text("bank", 0, MAX_SHORT_TEXT);
        static final Field.Integral DELIVERY_COST = SHAPE.integral("delivery_cost", 0, MAX_SAFE_INTEGER);
        static final Field.Integral GOODS_TOTAL = SHAPE.integral("goods_total", 0, MAX_SAFE_INTEGER);
        static final Field.Integral CUSTOM_FEE = SHAPE.integral("custom_fee", 0, MAX_SAFE_INTEGER);

        private Payment() {
        }
    }

    static final class Item {
        static final Shape SHAPE = new Shape();
        static final Field.Integral CHRT_ID = SHAPE.integral("chrt_id", 0, MAX_SAFE_INTEGER);
        static final Field.Text TRACK_NUMBER = SHAPE.text("track_number", 1, MAX_SHORT_TEXT);
        static final Field.Integral PRICE = SHAPE.integral("price", 0, MAX_SAFE_INTEGER);
        static final Field.Text RID = SHAPE.text("rid", 1, MAX_SHORT_TEXT);
        static final Field.Text NAME = SHAPE.text("name", 1, MAX_LONG_TEXT);
        static final Field.Integral SALE = SHAPE.integral("sale", 0, MAX_PERCENT);
        static final Field.Text SIZE = SHAPE.text("size", 0, MAX_SHORT_TEXT);
        static final Field.Integral TOTAL_PRICE = SHAPE.integral("total_price", 0, MAX_SAFE_INTEGER);
        static final Field.Integral NM_ID = SHAPE.integral("nm_id", 0, MAX_SAFE_INTEGER);
        static final Field.Text BRAND = SHAPE.text("brand", 0, MAX_LONG_TEXT);
        static final Field.Integral STATUS = SHAPE.integral("status", 0, MAX_SAFE_INTEGER);

        private Item() {
        }
    }

    /**
     * Parsed by {@link UsualTimestamp} when it has the usual shape (which only ever agrees with
     * {@code DateTimeFormatter}, and its year is then the first four digits), else by the formatter.
     */
    private static boolean isTimestamp(String text) {
        try {
            int year = UsualTimestamp.epochSeconds(text) != UsualTimestamp.UNUSUAL
                    ? Integer.parseInt(text, 0, 4, 10)
                    : OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).getYear();
            return year >= MIN_YEAR && year <= MAX_YEAR;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
