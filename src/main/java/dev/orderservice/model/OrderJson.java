package dev.orderservice.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.orderservice.json.Json;
import java.io.IOException;

/**
 * An order's canonical JSON: compact, the model's field names and order, so the same order always
 * gives the same bytes. Those bytes are what the cache holds, what the API serves and what
 * conflict detection hashes, so they must never change for an order already stored.
 *
 * <p>Written field by field on the shared mapper's generator, names encoded once, rather than by
 * the mapper's record serialiser, which took half as long again per order (bench DecodeCpu) and
 * was a fifth of the ingest thread. The bytes are exactly the ones that serialiser writes, name for
 * name and escape for escape, nulls included ({@code CanonicalJsonIsWhatTheMapperWritesTest}).
 */
public final class OrderJson {

    // The names as the record serialiser has them (snake_case of the components), encoded once.
    private static final SerializableString ORDER_UID = new SerializedString("order_uid");
    private static final SerializableString TRACK_NUMBER = new SerializedString("track_number");
    private static final SerializableString ENTRY = new SerializedString("entry");
    private static final SerializableString DELIVERY = new SerializedString("delivery");
    private static final SerializableString PAYMENT = new SerializedString("payment");
    private static final SerializableString ITEMS = new SerializedString("items");
    private static final SerializableString LOCALE = new SerializedString("locale");
    private static final SerializableString INTERNAL_SIGNATURE = new SerializedString("internal_signature");
    private static final SerializableString CUSTOMER_ID = new SerializedString("customer_id");
    private static final SerializableString DELIVERY_SERVICE = new SerializedString("delivery_service");
    private static final SerializableString SHARDKEY = new SerializedString("shardkey");
    private static final SerializableString SM_ID = new SerializedString("sm_id");
    private static final SerializableString DATE_CREATED = new SerializedString("date_created");
    private static final SerializableString OOF_SHARD = new SerializedString("oof_shard");
    private static final SerializableString NAME = new SerializedString("name");
    private static final SerializableString PHONE = new SerializedString("phone");
    private static final SerializableString ZIP = new SerializedString("zip");
    private static final SerializableString CITY = new SerializedString("city");
    private static final SerializableString ADDRESS = new SerializedString("address");
    private static final SerializableString REGION = new SerializedString("region");
    private static final SerializableString EMAIL = new SerializedString("email");
    private static final SerializableString TRANSACTION = new SerializedString("transaction");
    private static final SerializableString REQUEST_ID = new SerializedString("request_id");
    private static final SerializableString CURRENCY = new SerializedString("currency");
    private static final SerializableString PROVIDER = new SerializedString("provider");
    private static final SerializableString AMOUNT = new SerializedString("amount");
    private static final SerializableString PAYMENT_DT = new SerializedString("payment_dt");
    private static final SerializableString BANK = new SerializedString("bank");
    private static final SerializableString DELIVERY_COST = new SerializedString("delivery_cost");
    private static final SerializableString GOODS_TOTAL = new SerializedString("goods_total");
    private static final SerializableString CUSTOM_FEE = new SerializedString("custom_fee");
    private static final SerializableString CHRT_ID = new SerializedString("chrt_id");
    private static final SerializableString PRICE = new SerializedString("price");
    private static final SerializableString RID = new SerializedString("rid");
    private static final SerializableString SALE = new SerializedString("sale");
    private static final SerializableString SIZE = new SerializedString("size");
    private static final SerializableString TOTAL_PRICE = new SerializedString("total_price");
    private static final SerializableString NM_ID = new SerializedString("nm_id");
    private static final SerializableString BRAND = new SerializedString("brand");
    private static final SerializableString STATUS = new SerializedString("status");

    private OrderJson() {
    }

    /** The canonical bytes of an order. */
    public static byte[] write(Order order) {
        return Json.bytes(json -> write(order, json));
    }

    private static void write(Order order, JsonGenerator json) throws IOException {
        json.writeStartObject();
        text(json, ORDER_UID, order.orderUid());
        text(json, TRACK_NUMBER, order.trackNumber());
        text(json, ENTRY, order.entry());
        json.writeFieldName(DELIVERY);
        write(order.delivery(), json);
        json.writeFieldName(PAYMENT);
        write(order.payment(), json);
        json.writeFieldName(ITEMS);
        json.writeStartArray();
        for (Order.Item item : order.items()) {
            write(item, json);
        }
        json.writeEndArray();
        text(json, LOCALE, order.locale());
        text(json, INTERNAL_SIGNATURE, order.internalSignature());
        text(json, CUSTOMER_ID, order.customerId());
        text(json, DELIVERY_SERVICE, order.deliveryService());
        text(json, SHARDKEY, order.shardkey());
        number(json, SM_ID, order.smId());
        text(json, DATE_CREATED, order.dateCreated());
        text(json, OOF_SHARD, order.oofShard());
        json.writeEndObject();
    }

    private static void write(Order.Delivery delivery, JsonGenerator json) throws IOException {
        if (delivery == null) {
            json.writeNull();
            return;
        }
        json.writeStartObject();
        text(json, NAME, delivery.name());
        text(json, PHONE, delivery.phone());
        text(json, ZIP, delivery.zip());
        text(json, CITY, delivery.city());
        text(json, ADDRESS, delivery.address());
        text(json, REGION, delivery.region());
        text(json, EMAIL, delivery.email());
        json.writeEndObject();
    }

    private static void write(Order.Payment payment, JsonGenerator json) throws IOException {
        if (payment == null) {
            json.writeNull();
            return;
        }
        json.writeStartObject();
        text(json, TRANSACTION, payment.transaction());
        text(json, REQUEST_ID, payment.requestId());
        text(json, CURRENCY, payment.currency());
        text(json, PROVIDER, payment.provider());
        number(json, AMOUNT, payment.amount());
        number(json, PAYMENT_DT, payment.paymentDt());
        text(json, BANK, payment.bank());
        number(json, DELIVERY_COST, payment.deliveryCost());
        number(json, GOODS_TOTAL, payment.goodsTotal());
        number(json, CUSTOM_FEE, payment.customFee());
        json.writeEndObject();
    }

    private static void write(Order.Item item, JsonGenerator json) throws IOException {
        json.writeStartObject();
        number(json, CHRT_ID, item.chrtId());
        text(json, TRACK_NUMBER, item.trackNumber());
        number(json, PRICE, item.price());
        text(json, RID, item.rid());
        text(json, NAME, item.name());
        number(json, SALE, item.sale());
        text(json, SIZE, item.size());
        number(json, TOTAL_PRICE, item.totalPrice());
        number(json, NM_ID, item.nmId());
        text(json, BRAND, item.brand());
        number(json, STATUS, item.status());
        json.writeEndObject();
    }

    private static void text(JsonGenerator json, SerializableString name, String value) throws IOException {
        json.writeFieldName(name);
        json.writeString(value);
    }

    private static void number(JsonGenerator json, SerializableString name, long value) throws IOException {
        json.writeFieldName(name);
        json.writeNumber(value);
    }
}
