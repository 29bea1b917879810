package dev.orderservice.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderservice.testing.AckedPublisher;
import dev.orderservice.testing.Await;
import dev.orderservice.testing.CommandOutput;
import dev.orderservice.testing.Ports;
import dev.orderservice.testing.SampleOrders;
import dev.orderservice.testing.SchemaVersion;
import dev.orderservice.testing.ServiceProcess;
import dev.orderservice.testing.Sql;
import dev.orderservice.testing.ThrowawayNats;
import dev.orderservice.testing.ThrowawayPostgres;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 5, least privilege, as the deploy files run it: the schema belongs to an owner role that
 * only migrations use; the packaged service runs as an app role (no superuser, password checked)
 * that may read and insert but not update, delete, truncate or drop orders.
 */
class AppRoleCanOnlyReadAndInsertIT {

    private static final String OWNER = "orders_owner";
    private static final String OWNER_PASSWORD = "owner-secret";
    private static final String APP = "orders_app";
    private static final String APP_PASSWORD = "app-secret";
    private static ThrowawayPostgres postgres;
    private static ThrowawayNats nats;

    @BeforeAll
    static void startInfrastructure() throws Exception {
        postgres = ThrowawayPostgres.start();
        postgres.requirePasswords();
        nats = ThrowawayNats.start();
    }

    @AfterAll
    static void stopInfrastructure() throws Exception {
        nats.close();
        postgres.close();
    }

    @Test
    void theServiceStoresOrdersAsAnAppRoleThatCannotChangeOrDestroyThem() throws Exception {
        String db = databaseOwnedByOwnerWithAnAppRole();
        Map<String, String> env = new HashMap<>(Map.of("ORDERS_DB_URL", db, "ORDERS_DB_USER", APP,
                "ORDERS_DB_PASSWORD", APP_PASSWORD, "ORDERS_DB_MIGRATION_USER", OWNER,
                "ORDERS_DB_MIGRATION_PASSWORD", OWNER_PASSWORD, "ORDERS_NATS_URL", nats.url()));
        Map<String, String> serveEnv = new HashMap<>(env);
        serveEnv.put("ORDERS_ACK_WAIT_SECONDS", "3");
        try (ServiceProcess service = new ServiceProcess(serveEnv, List.of("serve"), "least-privilege")
                .startAndAwaitReady();
                AckedPublisher publisher = new AckedPublisher(nats.url(), "orders")) {
            for (int i = 0; i < 50; i++) {
                publisher.send(SampleOrders.bytes(SampleOrders.withUid("lp" + i)));
            }
            publisher.send("not json".getBytes(StandardCharsets.UTF_8));
            publisher.send(SampleOrders.bytes(SampleOrders.withUid("lp0")));
            publisher.flush();
            Await.until(Duration.ofSeconds(60), () -> Sql.count(db, "select count(*) from orders")
                    + Sql.count(db, "select count(*) from rejected_messages"), n -> n == 51, "orders and a rejection");
            assertThat(service.get("/api/orders/lp7").statusCode()).isEqualTo(200);
            assertThat(Sql.count(db, "select count(*) from pg_tables where tablename = 'orders' and tableowner = '"
                    + OWNER + "'")).isEqualTo(1);

            CommandOutput check = CommandOutput.ofJar(env, "check");
            assertThat(check.exit()).as(check.out()).isZero();
            assertThat(check.out()).contains("ok    privileges: orders_app may read and "
                    + "insert orders, items, rejected_messages");
            assertAppRoleIsRefused(db, "delete from orders where order_uid = 'lp1'");
            assertAppRoleIsRefused(db, "update orders set customer_id = 'someone' where order_uid = 'lp1'");
            assertAppRoleIsRefused(db, "update payments set amount = 0");
            assertAppRoleIsRefused(db, "insert into deliveries (order_uid) values ('lp1')");
            assertThat(Sql.count(db, "select count(*) from payments where amount > 0")).isEqualTo(50);
            assertAppRoleIsRefused(db, "truncate orders cascade");
            assertAppRoleIsRefused(db, "drop table items");
            assertAppRoleIsRefused(db, "alter table orders add column note text");
            assertAppRoleIsRefused(db, "delete from rejected_messages");
            assertAppRoleIsRefused(db, "update rejected_messages set reason = 'none'");
            assertAppRoleIsRefused(db, "create table intruder (x int)");
            assertThat(Sql.count(db, "select count(*) from orders")).isEqualTo(50);

            SQLException wrongPassword = catchThrowableOfType(SQLException.class,
                    () -> DriverManager.getConnection(db, APP, "wrong").close());
            assertThat(wrongPassword.getSQLState()).isEqualTo("28P01");
            assertThat(healthcheck(service.httpPort())).as("the image's health check, service ready").isZero();
            assertThat(healthcheck(Ports.free())).as("the image's health check, nothing listening").isNotZero();
        }
    }

    /**
     * replay-rejected needs to mark rows; the app role may update replayed_at and nothing else.
     * With the schema up to date, the app role alone can also check and (a no-op) migrate.
     */
    @Test
    void replayRejectedCheckAndAnUpToDateMigrateRunAsTheAppRole() throws Exception {
        String db = databaseOwnedByOwnerWithAnAppRole();
        Map<String, String> env = Map.of("ORDERS_DB_URL", db, "ORDERS_DB_USER", APP, "ORDERS_DB_PASSWORD", APP_PASSWORD,
                "ORDERS_DB_MIGRATION_USER", OWNER, "ORDERS_DB_MIGRATION_PASSWORD", OWNER_PASSWORD);
        CommandOutput migrate = CommandOutput.ofJar(env, "migrate");
        assertThat(migrate.out()).startsWith("schema at version " + SchemaVersion.latest() + " (" + SchemaVersion.count()
                + " migration(s) applied now); orders_app granted");
        ObjectNode once = SampleOrders.withUid("rejected-once");
        rejectAsOwner(db, SampleOrders.bytes(once));

        Map<String, String> appOnly = new HashMap<>(env);
        appOnly.remove("ORDERS_DB_MIGRATION_USER");
        appOnly.remove("ORDERS_DB_MIGRATION_PASSWORD");
        CommandOutput replay = CommandOutput.ofJar(appOnly, "replay-rejected");
        CommandOutput check = CommandOutput.ofJar(appOnly, "check");
        CommandOutput migrateAsApp = CommandOutput.ofJar(appOnly, "migrate");

        assertThat(replay.err()).isEmpty();
        assertThat(replay.out()).startsWith("examined 1, now valid 1 (stored 1, duplicates 0, conflicts 0)");
        assertThat(Sql.count(db, "select count(*) from orders where order_uid = 'rejected-once'")).isEqualTo(1);
        assertThat(Sql.count(db, "select count(*) from rejected_messages where replayed_at is not null")).isEqualTo(1);
        assertThat(check.out()).contains("ok    schema: at version " + SchemaVersion.latest() + ", up to date", "ok    privileges: orders_app");
        assertThat(migrateAsApp.out()).as(migrateAsApp.err())
                .startsWith("schema at version " + SchemaVersion.latest() + " (0 migration(s) applied now)");
    }

    /** Runs deploy/docker/healthcheck.sh, the Dockerfile's HEALTHCHECK, against a port; returns its exit code. */
    private static int healthcheck(int port) throws Exception {
        ProcessBuilder probe = new ProcessBuilder("bash", "deploy/docker/healthcheck.sh")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        probe.environment().put("ORDERS_HTTP_PORT", String.valueOf(port));
        return probe.start().waitFor();
    }

    private static String databaseOwnedByOwnerWithAnAppRole() throws SQLException {
        String name = "least_privilege_" + System.nanoTime();
        try (Connection c = postgres.dataSource("postgres").getConnection(); Statement s = c.createStatement()) {
            try (var r = s.executeQuery("select count(*) from pg_roles where rolname = '" + OWNER + "'")) {
                r.next();
                if (r.getLong(1) == 0) {
                    s.execute("create role " + OWNER + " login nosuperuser nocreaterole password '" + OWNER_PASSWORD + "'");
                    // created without login, as a deployment might, then allowed to log in
                    s.execute("create role " + APP + " nologin nosuperuser nocreatedb nocreaterole");
                    s.execute("alter role " + APP + " login password '" + APP_PASSWORD + "'");
                }
            }
            s.execute("create database " + name + " owner " + OWNER);
        }
        return "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/" + name;
    }

    private static void assertAppRoleIsRefused(String db, String sql) {
        SQLException refused = catchThrowableOfType(SQLException.class, () -> {
            try (Connection c = DriverManager.getConnection(db, APP, APP_PASSWORD); Statement s = c.createStatement()) {
                s.execute(sql);
            }
        });
        assertThat((Object) refused).as(sql).isNotNull();
        assertThat(refused.getSQLState()).as(sql + ": " + refused.getMessage()).isIn("42501");
    }

    private static void rejectAsOwner(String db, byte[] payload) throws SQLException {
        try (Connection c = DriverManager.getConnection(db, OWNER, OWNER_PASSWORD);
                PreparedStatement s = c.prepareStatement("insert into rejected_messages (message_key, reason, detail, "
                        + "payload_bytes, payload_head) values ('ORDERS/1/0.0', 'invalid_order', 'older rules', ?, ?)")) {
            s.setInt(1, payload.length);
            s.setBytes(2, payload);
            s.executeUpdate();
        }
    }
}
