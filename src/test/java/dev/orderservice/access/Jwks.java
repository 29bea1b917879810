package dev.orderservice.access;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OIDC issuer for tests: signing keys made here with nimbus (RSA and EC), their public halves
 * served as a JWKS by the JDK's HTTP server on loopback, and JWTs signed with them. Keys can be
 * added while the service runs, as an issuer's key rotation does.
 */
final class Jwks implements AutoCloseable {

    static final String ISSUER = "https://issuer.test";
    static final String AUDIENCE = "order-service";
    static final String PATH = "/jwks.json";

    private final HttpServer server;
    private final Map<String, JWK> keys = new ConcurrentHashMap<>();
    private final List<String> published = new CopyOnWriteArrayList<>();
    private final AtomicInteger fetches = new AtomicInteger();

    private Jwks(HttpServer server) {
        this.server = server;
    }

    static Jwks start() throws IOException, JOSEException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        Jwks jwks = new Jwks(server);
        server.createContext(PATH, exchange -> {
            jwks.fetches.incrementAndGet();
            byte[] body = jwks.publicSet().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        jwks.addRsa("rsa-1");
        jwks.addEc("ec-1");
        return jwks;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    int fetches() {
        return fetches.get();
    }

    /** A new RSA key, published from now on. */
    void addRsa(String kid) throws JOSEException {
        add(new RSAKeyGenerator(2048).keyID(kid).generate());
    }

    void addEc(String kid) throws JOSEException {
        add(new ECKeyGenerator(Curve.P_256).keyID(kid).generate());
    }

    /** A key made here but never published: tokens it signs name a kid the issuer does not have. */
    static JWK unpublishedRsa(String kid) throws JOSEException {
        return new RSAKeyGenerator(2048).keyID(kid).generate();
    }

    private void add(JWK key) {
        keys.put(key.getKeyID(), key);
        published.add(key.getKeyID());
    }

    private String publicSet() {
        return new JWKSet(published.stream().map(keys::get).toList()).toPublicJWKSet().toString();
    }

    /** A JWT for the right issuer and audience, valid for ten minutes, signed with the key of this kid. */
    String jwt(String kid, String subject, String scope) throws JOSEException {
        return sign(keys.get(kid), claims(subject, scope).build());
    }

    static JWTClaimsSet.Builder claims(String subject, String scope) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject(subject)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(10))))
                .claim("scope", scope);
    }

    String sign(String kid, JWTClaimsSet claims) throws JOSEException {
        return sign(keys.get(kid), claims);
    }

    static String sign(JWK key, JWTClaimsSet claims) throws JOSEException {
        boolean rsa = key instanceof RSAKey;
        JWSHeader header = new JWSHeader.Builder(rsa ? JWSAlgorithm.RS256 : JWSAlgorithm.ES256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build();
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(rsa ? new RSASSASigner((RSAKey) key) : new ECDSASigner((ECKey) key));
        return jwt.serialize();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
