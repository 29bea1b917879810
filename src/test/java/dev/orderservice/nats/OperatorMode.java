package dev.orderservice.nats;

import io.nats.client.NKey;
import io.nats.client.support.JsonSerializable;
import io.nats.client.support.JwtUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;

/**
 * The JWT model without {@code nsc}: an operator, one account it signs, a user the account signs,
 * all made with jnats' {@link JwtUtils}; the server trusts the operator and knows the account from
 * a memory resolver. (The issuer is given explicitly: {@code issueJWT} leaves it out otherwise.) The user's {@code .creds} file is what {@code nsc generate creds} writes.
 */
final class OperatorMode {

    private static final String ACCOUNT_LIMITS = "{\"limits\":{\"subs\":-1,\"data\":-1,\"payload\":-1,"
            + "\"imports\":-1,\"exports\":-1,\"wildcards\":true,\"conn\":-1,\"leaf\":-1,"
            + "\"mem_storage\":-1,\"disk_storage\":-1,\"streams\":-1,\"consumer\":-1},"
            + "\"default_permissions\":{\"pub\":{},\"sub\":{}},\"type\":\"account\",\"version\":2}";

    private static final String SYSTEM_LIMITS = "{\"limits\":{\"subs\":-1,\"data\":-1,\"payload\":-1,"
            + "\"imports\":-1,\"exports\":-1,\"wildcards\":true,\"conn\":-1,\"leaf\":-1},"
            + "\"type\":\"account\",\"version\":2}";

    private final String operatorJwt;
    private final String systemPublicKey;
    private final String systemJwt;
    private final String accountPublicKey;
    private final String accountJwt;
    private final String userJwt;
    private final NKey user;

    private OperatorMode(String operatorJwt, String systemPublicKey, String systemJwt, String accountPublicKey,
            String accountJwt, String userJwt, NKey user) {
        this.operatorJwt = operatorJwt;
        this.systemPublicKey = systemPublicKey;
        this.systemJwt = systemJwt;
        this.accountPublicKey = accountPublicKey;
        this.accountJwt = accountJwt;
        this.userJwt = userJwt;
        this.user = user;
    }

    static OperatorMode create() throws GeneralSecurityException, IOException {
        SecureRandom random = new SecureRandom();
        NKey operator = NKey.createOperator(random);
        NKey account = NKey.createAccount(random);
        NKey user = NKey.createUser(random);
        String operatorKey = new String(operator.getPublicKey());
        String accountKey = new String(account.getPublicKey());
        String operatorJwt = JwtUtils.issueJWT(operator, operatorKey, "orders-operator", null,
                JwtUtils.currentTimeSeconds(), operatorKey, null, json("{\"type\":\"operator\",\"version\":2}"));
        String accountJwt = JwtUtils.issueJWT(operator, accountKey, "orders-account", null,
                JwtUtils.currentTimeSeconds(), operatorKey, null, json(ACCOUNT_LIMITS));
        String userJwt = JwtUtils.issueUserJWT(account, accountKey, new String(user.getPublicKey()), "orders-user");
        // JetStream in operator mode needs a system account
        String systemKey = new String(NKey.createAccount(random).getPublicKey());
        String systemJwt = JwtUtils.issueJWT(operator, systemKey, "SYS", null, JwtUtils.currentTimeSeconds(),
                operatorKey, null, json(SYSTEM_LIMITS));
        return new OperatorMode(operatorJwt, systemKey, systemJwt, accountKey, accountJwt, userJwt, user);
    }

    String serverConfig() {
        return "operator: \"" + operatorJwt + "\"\nsystem_account: " + systemPublicKey
                + "\nresolver: MEMORY\nresolver_preload: {\n  " + accountPublicKey + ": \"" + accountJwt + "\"\n  "
                + systemPublicKey + ": \"" + systemJwt + "\"\n}\n";
    }

    Path writeUserCreds(Path file) throws IOException {
        return Files.writeString(file, "-----BEGIN NATS USER JWT-----\n" + userJwt + "\n------END NATS USER JWT------\n\n"
                + "************************* IMPORTANT *************************\n"
                + "NKEY Seed printed below can be used to sign and prove identity.\n\n"
                + "-----BEGIN USER NKEY SEED-----\n" + new String(user.getSeed()) + "\n------END USER NKEY SEED------\n");
    }

    private static JsonSerializable json(String body) {
        return () -> body;
    }
}
