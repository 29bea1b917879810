package dev.orderservice.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderservice.ingest.StreamSettings;
import dev.orderservice.ingest.StreamSetup;
import dev.orderservice.testing.CommandOutput;
import dev.orderservice.testing.Ports;
import dev.orderservice.testing.RealServices;
import dev.orderservice.testing.SchemaVersion;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code check} reports one line per check against a real PostgreSQL and nats-server; exit 1 on any failure. */
class CheckCommandIT {

    @RegisterExtension
    static final RealServices services = new RealServices();

    @Test
    void aFreshDatabaseAndBrokerFailWithWhatToDo() throws Exception {
        String db = services.postgres().newDatabase();

        CommandOutput run = check(db, services.nats().url(), "FRESH", "fresh");

        assertThat(run.exit()).isEqualTo(1);
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).startsWith("ok    PostgreSQL: connected to " + db + " as postgres (PostgreSQL 17");
        assertThat(lines.get(1)).isEqualTo("FAIL  schema: never migrated (no tables); run `order-service migrate` "
                + "(serve also migrates at start when its login may)");
        assertThat(lines.get(2)).startsWith("ok    NATS: connected to " + services.nats().url() + " (nats-server ");
        assertThat(lines.get(3)).startsWith("ok    JetStream: enabled");
        assertThat(lines.get(4)).isEqualTo("FAIL  stream FRESH: does not exist; serve creates it at start (or check "
                + "ORDERS_STREAM)");
    }

    @Test
    void aMigratedDatabaseAndAnExistingStreamAndConsumerPass() throws Exception {
        String db = services.postgres().newDatabase();
        assertThat(CommandOutput.of(new MigrateCommand(), "--db-url", db, "--db-user", "postgres").exit()).isZero();
        try (Connection connection = Nats.connect(services.nats().url())) {
            StreamSetup.ensure(connection, new StreamSettings("READY", "ready.orders", "ready-consumer",
                    Duration.ofSeconds(30), 5, 1));
            connection.jetStream().publish("ready.orders", "{}".getBytes());
        }

        CommandOutput run = check(db, services.nats().url(), "READY", "ready.orders", "--consumer", "ready-consumer");

        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.err()).isEmpty();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(8).allMatch(line -> line.startsWith("ok    "));
        assertThat(lines.get(1)).isEqualTo("ok    schema: at version " + SchemaVersion.latest() + ", up to date");
        assertThat(lines.get(2)).isEqualTo("ok    privileges: postgres may read and insert orders, items, "
                + "rejected_messages");
        assertThat(lines.get(3)).isEqualTo("ok    integrity: every row of items belongs to a "
                + "stored order");
        assertThat(lines.get(6)).isEqualTo("ok    stream READY: subjects [ready.orders], file storage, 1 replica(s), "
                + "1 message(s)");
        assertThat(lines.get(7)).isEqualTo("ok    consumer ready-consumer: explicit acks, ack wait 30 s, 1 pending, "
                + "0 awaiting ack, 0 redelivered");
    }

    /** The foreign keys to orders are gone (V20); check is what still tells a child row without its order. */
    @Test
    void aChildRowWithoutItsOrderFailsTheIntegrityCheck() throws Exception {
        String db = services.postgres().newDatabase();
        assertThat(CommandOutput.of(new MigrateCommand(), "--db-url", db, "--db-user", "postgres").exit()).isZero();
        try (var c = DriverManager.getConnection(db, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("insert into items (order_uid, position, chrt_id, track_number, price, rid, name, sale, size,"
                    + " total_price, nm_id, brand, status) values ('gone', 0, 1, 't', 0, 'r', 'n', 0, 's', 0, 1, 'b', 0)");
        }

        CommandOutput run = check(db, services.nats().url(), "ORPHANS", "orphans");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out().lines()).contains("FAIL  integrity: rows without a stored order: 1 in items; something "
                + "other than order-service wrote or deleted them");
    }

    @Test
    void unreachableServicesAreOneFailingLineEach() throws Exception {
        String db = "jdbc:postgresql://127.0.0.1:" + Ports.free() + "/orders";
        String broker = "nats://127.0.0.1:" + Ports.free();

        CommandOutput run = check(db, broker, "ORDERS", "orders");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out().lines()).hasSize(2).allMatch(line -> line.startsWith("FAIL  "));
        assertThat(run.out()).contains("cannot reach PostgreSQL at " + db).contains("check ORDERS_DB_URL")
                .contains("cannot connect to " + broker).contains("check ORDERS_NATS_URL");
        assertThat(run.err()).doesNotContain("\tat ");
    }

    @Test
    void aRefusedLoginNamesTheSettings() throws Exception {
        String db = services.postgres().newDatabase();

        CommandOutput run = CommandOutput.of(new CheckCommand(), "--db-url", db, "--db-user", "nobody_here",
                "--nats-url", services.nats().url());

        assertThat(run.out().lines().findFirst().orElseThrow()).startsWith("FAIL  PostgreSQL: PostgreSQL at " + db
                + " refused the login").endsWith("check ORDERS_DB_USER / ORDERS_DB_PASSWORD");
    }

    private static CommandOutput check(String db, String natsUrl, String stream, String subject, String... more) {
        List<String> args = new ArrayList<>(List.of("--db-url", db, "--db-user", "postgres",
                "--nats-url", natsUrl, "--stream", stream, "--subject", subject));
        args.addAll(List.of(more));
        return CommandOutput.of(new CheckCommand(), args.toArray(String[]::new));
    }
}
