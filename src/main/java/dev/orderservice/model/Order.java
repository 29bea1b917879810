package dev.orderservice.model;

import java.util.List;

/**
 * An order exactly as shops publish it (see shared/model.json). Components are declared in the
 * model's field order, so the canonical JSON of an order reads like the published one.
 * An order is immutable: once stored, the same {@code orderUid} always means the same content.
 */
public record Order(
        String orderUid,
        String trackNumber,
        String entry,
        Delivery delivery,
        Payment payment,
        List<Item> items,
        String locale,
        String internalSignature,
        String customerId,
        String deliveryService,
        String shardkey,
        long smId,
        String dateCreated,
        String oofShard) {

    public Order {
        items = List.copyOf(items);
    }

    public record Delivery(
            String name, String phone, String zip, String city, String address, String region, String email) {
    }

    public record Payment(
            String transaction,
            String requestId,
            String currency,
            String provider,
            long amount,
            long paymentDt,
            String bank,
            long deliveryCost,
            long goodsTotal,
            long customFee) {
    }

    public record Item(
            long chrtId,
            String trackNumber,
            long price,
            String rid,
            String name,
            long sale,
            String size,
            long totalPrice,
            long nmId,
            String brand,
            long status) {
    }
}
