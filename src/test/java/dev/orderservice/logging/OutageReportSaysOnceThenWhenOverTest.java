package dev.orderservice.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutageReportSaysOnceThenWhenOverTest {

    @Test
    void firstFailureIsReportedRetriesAreNotAndTheEndIsOnce() {
        OutageReport outage = new OutageReport();

        assertThat(outage.over()).as("nothing to report before any failure").isFalse();
        assertThat(outage.due()).isTrue();
        assertThat(outage.due()).as("a retry right after").isFalse();
        assertThat(outage.due()).isFalse();
        assertThat(outage.over()).isTrue();
        assertThat(outage.over()).isFalse();
        assertThat(outage.due()).as("a new outage is reported again").isTrue();
    }
}
