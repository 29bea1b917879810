package dev.orderservice.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.orderservice.access.SecuredService.Answer;
import dev.orderservice.testing.Await;
import dev.orderservice.testing.SampleOrders;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Who may read what, against the real service with API tokens and JWTs both configured: every
 * protected route answers each kind of credential as the contract says, the open routes stay
 * open, a key rotation and an edit of the tokens file take effect while it runs, and every read
 * leaves an audit line, with no credential anywhere in the output.
 */
@ExtendWith(SecuredService.Resolver.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccessControlIT {

    private static final String REALM = "Bearer realm=\"order-service\"";
    private static final String PROBLEMS = "https://order-service.dev/problems/";
    private static final List<String> SCOPES = List.of("orders:read", "orders:list", "rejected:read", "ops");
    /** Each protected route, with the scope it needs and the file token that holds just that scope. */
    private static final Map<String, String> ROUTES = new LinkedHashMap<>();
    private static final Map<String, String> HOLDER = Map.of("orders:read", "reader", "orders:list", "lister",
            "rejected:read", "rejects", "ops", "ops");
    private static SecuredService shared;

    static {
        ROUTES.put("/api/orders/" + SecuredService.ORDER_ID, "orders:read");
        ROUTES.put("/api/orders?limit=5", "orders:list");
        ROUTES.put("/api/rejected?limit=5", "rejected:read");
        ROUTES.put("/api/events", "orders:list");
        ROUTES.put("/api/status", "orders:list");
        ROUTES.put("/metrics", "ops");
    }

    @Test
    @Order(1)
    void everyProtectedRouteAnswersEachKindOfCredentialAsTheContractSays(SecuredService s) throws Exception {
        shared = s;
        Jwks jwks = s.jwks();
        String all = String.join(" ", SCOPES);
        Instant past = Instant.now().minus(Duration.ofMinutes(15));
        String expired = s.secret(jwks.sign("rsa-1", Jwks.claims("expired-user", all).issueTime(Date.from(past))
                .expirationTime(Date.from(past.plus(Duration.ofMinutes(10)))).build()));
        String wrongAudience = s.secret(jwks.sign("rsa-1", Jwks.claims("elsewhere", all).audience("another-service")
                .build()));
        String wrongIssuer = s.secret(jwks.sign("rsa-1", Jwks.claims("impostor", all).issuer("https://evil.test")
                .build()));
        String unknownKey = s.secret(Jwks.sign(Jwks.unpublishedRsa("rogue"), Jwks.claims("rogue", all).build()));
        for (Map.Entry<String, String> route : ROUTES.entrySet()) {
            String path = route.getKey();
            String scope = route.getValue();
            String others = SCOPES.stream().filter(other -> !other.equals(scope)).collect(Collectors.joining(" "));

            assertUnauthorized(s.getWith(path, null), path + " without credentials", REALM);
            for (String bad : List.of("not-a-token", s.token("reader") + "x", expired, wrongAudience, wrongIssuer,
                    unknownKey)) {
                assertUnauthorized(s.getWith(path, bad), path + " with a bad token", REALM + ", error=\"invalid_token\"");
            }
            String otherHolder = HOLDER.get(scope).equals("reader") ? "ops" : "reader";
            for (String wrong : List.of(s.token(otherHolder), s.secret(jwks.jwt("rsa-1", "narrow-user", others)))) {
                Answer answer = s.getWith(path, wrong);
                assertProblem(answer, path + " with the wrong scope", 403, "insufficient-scope");
                assertThat(answer.header("WWW-Authenticate")).as(path)
                        .isEqualTo(REALM + ", error=\"insufficient_scope\", scope=\"" + scope + "\"");
            }
            for (String right : List.of(s.token(HOLDER.get(scope)), s.token("everything"),
                    s.secret(jwks.jwt("rsa-1", "rsa-user", scope)), s.secret(jwks.jwt("ec-1", "ec-user", all)))) {
                assertThat(s.getWith(path, right).status()).as(path + " with the right scope").isEqualTo(200);
            }
        }
    }

    @Test
    @Order(2)
    void ordersAreNeverKeptByACacheWhenAuthenticationIsOn(SecuredService s) throws Exception {
        Answer order = s.getWith("/api/orders/" + SecuredService.ORDER_ID, s.token("reader"));

        assertThat(order.status()).isEqualTo(200);
        assertThat(SampleOrders.parse(order.body()).get("order_uid").asText()).isEqualTo(SecuredService.ORDER_ID);
        assertThat(order.header("Cache-Control")).isEqualTo("no-store");
        assertThat(order.header("Vary")).isEqualTo("Authorization, Cookie");
    }

    @Test
    @Order(3)
    void credentialsAreTakenFromTheAuthorizationHeaderOnly(SecuredService s) throws Exception {
        String lister = s.token("lister");

        assertUnauthorized(s.getWith("/api/orders?limit=5&access_token=" + lister, null), "token in the query", REALM);
        assertUnauthorized(toAnswer(s, "/api/orders?limit=5", "Cookie", "token=" + lister), "a cookie not ours", REALM);
        assertUnauthorized(toAnswer(s, "/api/orders?limit=5", "Cookie", Access.COOKIE + "=" + lister), "a token as the "
                + "session cookie", REALM + ", error=\"invalid_token\"");
        assertUnauthorized(toAnswer(s, "/api/orders?limit=5", "Authorization", "Basic " + lister), "another scheme",
                REALM + ", error=\"invalid_token\"");
        for (String open : List.of("/health/live", "/health/ready", "/openapi.yaml", "/", "/css/app.css",
                "/api/session")) {
            assertThat(s.getWith(open, null).status()).as(open + " is open").isEqualTo(200);
        }
    }

    @Test
    @Order(4)
    void aNewSigningKeyIsUsedWithoutARestart(SecuredService s) throws Exception {
        int fetchesBefore = s.jwks().fetches();
        s.jwks().addRsa("rsa-2");
        String rotated = s.secret(s.jwks().jwt("rsa-2", "rotated-user", "orders:read"));

        // nimbus refetches the JWKS for an unknown kid, at most twice per JwtVerifier.KEYS_MIN_REFRESH
        Await.until(Duration.ofSeconds(30), () -> s.getWith("/api/orders/" + SecuredService.ORDER_ID, rotated).status(),
                status -> status == 200, "a JWT signed with the new key accepted");
        assertThat(s.jwks().fetches()).isGreaterThan(fetchesBefore);
        assertThat(s.getWith("/api/orders/" + SecuredService.ORDER_ID, s.jwks().jwt("rsa-1", "old-key", "orders:read"))
                .status()).as("the old key still works").isEqualTo(200);
    }

    @Test
    @Order(5)
    void editingTheTokensFileAddsAndRevokesTokensWhileTheServiceRuns(SecuredService s) throws Exception {
        String leaver = s.addToken("leaver", "orders:list");
        s.writeTokensFile();
        Await.until(Duration.ofSeconds(15), () -> s.getWith("/api/orders?limit=1", leaver).status(), status -> status == 200,
                "the added token accepted");

        s.removeToken("leaver");
        String newcomer = s.addToken("newcomer", "orders:list");
        s.writeTokensFile();
        Await.until(Duration.ofSeconds(15), () -> s.getWith("/api/orders?limit=1", newcomer).status(),
                status -> status == 200, "the new token accepted");
        assertUnauthorized(s.getWith("/api/orders?limit=1", leaver), "a removed token", REALM + ", error=\"invalid_token\"");
        assertThat(s.getWith("/api/orders?limit=1", s.token("lister")).status()).as("the others still work")
                .isEqualTo(200);
        assertThat(s.service().logLines()).anyMatch(line -> line.contains("line 3: expected NAME SCOPES SHA256HEX"));
    }

    @Test
    @Order(6)
    void everyReadOfPersonalDataLeavesOneAuditLine(SecuredService s) throws Exception {
        String marker = "audited" + System.nanoTime();
        s.getWith("/api/orders/" + SecuredService.ORDER_ID, s.token("reader"));
        s.getWith("/api/orders?limit=2&customer_id=" + marker + "&access_token=" + s.token("lister"), s.token("lister"));
        s.getWith("/api/rejected?limit=2", s.token("rejects"));
        s.getWith("/api/events", s.secret(s.jwks().jwt("ec-1", "watcher", "orders:list")));
        s.getWith("/api/orders/" + SecuredService.ORDER_ID, s.token("ops"));
        s.getWith("/metrics", s.token("ops"));

        List<JsonNode> audit = Await.until(Duration.ofSeconds(10), () -> auditLines(s),
                lines -> lines.stream().anyMatch(line -> line.path("who").asText().equals("watcher")), "the audit lines");
        assertThat(audit).allSatisfy(line -> {
            assertThat(Instant.parse(line.get("time").asText())).isBefore(Instant.now().plusSeconds(1));
            assertThat(line.get("from").asText()).isEqualTo("127.0.0.1");
        });
        assertThat(audit).anySatisfy(line -> {
            assertLine(line, "reader", "token", "/api/orders/{id}", "granted");
            assertThat(line.path("order_id").asText()).isEqualTo(SecuredService.ORDER_ID);
        });
        assertThat(audit).anySatisfy(line -> {
            assertLine(line, "lister", "token", "/api/orders", "granted");
            assertThat(line.path("query").asText()).isEqualTo("limit=2&customer_id=" + marker + "&[redacted]");
        });
        assertThat(audit).anySatisfy(line -> assertLine(line, "rejects", "token", "/api/rejected", "granted"));
        assertThat(audit).anySatisfy(line -> assertLine(line, "watcher", "jwt", "/api/events", "granted"));
        assertThat(audit).anySatisfy(line -> assertLine(line, "ops", "token", "/api/orders/{id}", "insufficient_scope"));
        assertThat(audit).anySatisfy(line -> assertThat(line.get("result").asText()).isEqualTo("missing_credentials"));
        assertThat(audit).anySatisfy(line -> assertThat(line.get("result").asText()).isEqualTo("invalid_token"));
        assertThat(audit).noneMatch(line -> Set.of("/metrics", "/api/status").contains(line.get("route").asText()));
    }

    @AfterAll
    static void noCredentialAppearsInTheOutput() throws Exception {
        if (shared != null) {
            shared.assertNoSecretInOutput();
        }
    }

    private static List<JsonNode> auditLines(SecuredService s) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : s.service().logLines()) {
            if (line.startsWith("{\"time\"")) {
                lines.add(SampleOrders.parse(line));
            }
        }
        return lines;
    }

    private static void assertLine(JsonNode line, String who, String via, String route, String result) {
        assertThat(line.path("who").asText()).isEqualTo(who);
        assertThat(line.path("via").asText()).isEqualTo(via);
        assertThat(line.path("route").asText()).isEqualTo(route);
        assertThat(line.path("result").asText()).isEqualTo(result);
    }

    private static Answer toAnswer(SecuredService s, String path, String header, String value) throws Exception {
        var response = s.get(path, header, value);
        return new Answer(response.statusCode(), response.headers(), response.body());
    }

    private static void assertUnauthorized(Answer answer, String what, String challenge) {
        assertProblem(answer, what, 401, "unauthorized");
        assertThat(answer.header("WWW-Authenticate")).as(what).isEqualTo(challenge);
    }

    private static void assertProblem(Answer answer, String what, int status, String type) {
        assertThat(answer.status()).as(what).isEqualTo(status);
        assertThat(answer.header("Content-Type")).as(what).isEqualTo("application/problem+json");
        JsonNode problem = SampleOrders.parse(answer.body());
        assertThat(problem.get("type").asText()).as(what).isEqualTo(PROBLEMS + type);
        assertThat(problem.get("status").asInt()).as(what).isEqualTo(status);
        assertThat(Stream.of("title", "detail")).as(what).allMatch(field -> !problem.path(field).asText().isEmpty());
    }
}
