package dev.orderservice.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The routing table: an exact path or one segment under a prefix finds its route, a collection
 * also answers with a trailing slash, anything else goes to the first static mount that serves it
 * and finally to the page; a route's number indexes its template. A table that could route one
 * path two ways, or a template the matcher cannot match, is refused when it is built.
 */
class RoutesMatchOnePathToOneRouteTest {

    private static final Route.Endpoint NOTHING = (request, response, callback) -> callback.succeeded();
    private static Routes routes;

    @BeforeAll
    static void table() {
        routes = Routes.builder()
                .collection(Route.blocking("/api/orders", NOTHING))
                .get(Route.inline("/api/orders/{id}", NOTHING))
                .collection(Route.blocking("/api/rejected", NOTHING))
                .get(Route.inline("/health/live", NOTHING))
                .get(Route.blocking("/metrics", NOTHING))
                .files(WebAssets.bootstrap())
                .files(WebAssets.page())
                .build();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            /api/orders           | /api/orders
            /api/orders/          | /api/orders
            /api/orders/abc123    | /api/orders/{id}
            /api/orders/a.b-c_d   | /api/orders/{id}
            /api/rejected         | /api/rejected
            /api/rejected/        | /api/rejected
            /health/live          | /health/live
            /metrics              | /metrics
            /api/orders/abc/      | none
            /api/orders/abc/items | none
            /api/orders//         | none
            /api/ordersx          | none
            /api/order            | none
            /api/rejected/5       | none
            /health/live/         | none
            /metrics/             | none
            /METRICS              | none
            /                     | none
            /api                  | none
            ''                    | none
            """)
    void aPathFindsItsRouteOrNone(String path, String template) {
        int number = routes.find(path);
        if (template == null) {
            assertThat(number).isEqualTo(Routes.NONE);
        } else {
            assertThat(routes.route(number).template()).isEqualTo(template);
            assertThat(routes.templates().get(number)).isEqualTo(template);
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /webjars/bootstrap/css/bootstrap.min.css | /webjars/bootstrap
            /webjars/bootstrap/                      | /webjars/bootstrap
            /webjars/bootstrap                       | /
            /webjars/bootstrapx/a.css                | /
            /webjars                                 | /
            /                                        | /
            /index.html                              | /
            /js/app.js                               | /
            /api/no/such/route                       | /
            """)
    void aPathNoRouteServesGoesToTheFirstMountThatServesItElseThePage(String path, String mount) {
        int number = routes.mount(path);
        assertThat(routes.files(number).path()).isEqualTo(mount);
        assertThat(routes.templates().get(number)).isEqualTo(mount);
    }

    @Test
    void numbersIndexTheRoutesThenTheMounts() {
        assertThat(routes.templates()).containsExactly("/api/orders", "/api/orders/{id}", "/api/rejected",
                "/health/live", "/metrics", "/webjars/bootstrap", "/");
        assertThat(routes.served()).containsExactly("GET /api/orders", "GET /api/orders/{id}", "GET /api/rejected",
                "GET /health/live", "GET /metrics", "GET /webjars/bootstrap", "GET /");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/{id}/items", "/api/orders{id}", "{id}", "/api/{a}/{b}", "/api/{id}x", "/api/{id"})
    void aParameterAnywhereButTheWholeLastSegmentIsRefused(String template) {
        assertThatThrownBy(() -> Routes.builder().get(Route.inline(template, NOTHING)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(template);
    }

    @Test
    void aPathRoutedTwiceIsRefused() {
        assertThatThrownBy(() -> Routes.builder().get(Route.inline("/a", NOTHING)).get(Route.inline("/a", NOTHING)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/a is routed twice");
        assertThatThrownBy(() -> Routes.builder().collection(Route.inline("/a", NOTHING))
                .get(Route.inline("/a/", NOTHING)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/a/ is routed twice");
        assertThatThrownBy(() -> Routes.builder().get(Route.inline("/a/{x}", NOTHING))
                .get(Route.inline("/a/{y}", NOTHING)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/a/{y}");
    }

    @Test
    void aTableWithoutThePageIsRefused() {
        assertThatThrownBy(() -> Routes.builder().get(Route.inline("/a", NOTHING)).build())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRouteNeedsSomethingToAnswerIt() {
        assertThatThrownBy(() -> new Route("/a", null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Route.inline("/a", NOTHING).blocking()).as("an inline route never blocks").isNull();
        assertThat(Route.blocking("/b", NOTHING).inline()).as("a blocking route never runs inline").isNull();
    }
}
