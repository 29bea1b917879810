package dev.orderservice.validation;

import dev.orderservice.model.Order;
import java.util.List;

/** The verdict on one message: a valid order, or every reason it is not one. Never an exception. */
public sealed interface Validation {

    record Valid(Order order) implements Validation {
    }

    record Invalid(List<String> reasons) implements Validation {
        public Invalid {
            reasons = List.copyOf(reasons);
            if (reasons.isEmpty()) {
                throw new IllegalArgumentException("an invalid verdict needs at least one reason");
            }
        }

        /** The reasons as one line, capped so one pathological message cannot flood the store. */
        public String summary(int maxReasons) {
            var shown = reasons.subList(0, Math.min(maxReasons, reasons.size()));
            String line = String.join("; ", shown);
            return reasons.size() > maxReasons ? line + "; and " + (reasons.size() - maxReasons) + " more" : line;
        }
    }
}
