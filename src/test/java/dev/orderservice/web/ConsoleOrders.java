package dev.orderservice.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderservice.testing.SampleOrders;

/** Orders for the console's searches: the model order with its searchable fields set. */
final class ConsoleOrders {

    private ConsoleOrders() {
    }

    /** The model with this id, track number (on the order and its items), customer, e-mail, phone and creation time. */
    static ObjectNode order(String uid, String track, String customer, String email, String phone, String created) {
        ObjectNode order = SampleOrders.withUid(uid);
        order.put("track_number", track);
        for (JsonNode item : order.get("items")) {
            ((ObjectNode) item).put("track_number", track);
        }
        order.put("customer_id", customer);
        ((ObjectNode) order.get("delivery")).put("email", email).put("phone", phone);
        order.put("date_created", created);
        return order;
    }
}
