package dev.orderservice.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderservice.embedded.EmbeddedDatabase;
import dev.orderservice.testing.CommandOutput;
import dev.orderservice.testing.Ports;
import dev.orderservice.testing.RealServices;
import dev.orderservice.testing.SchemaVersion;
import dev.orderservice.testing.Sql;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code migrate} applies the schema once, says the version, and fails in one line. */
class MigrateCommandIT {

    private static final int LATEST = SchemaVersion.latest();

    @RegisterExtension
    static final RealServices services = RealServices.postgresOnly();

    @TempDir
    Path dataDir;

    @Test
    void migratesAnEmptyDatabaseAndASecondRunAppliesNothing() throws Exception {
        String db = services.postgres().newDatabase();

        CommandOutput first = CommandOutput.of(new MigrateCommand(), "--db-url", db, "--db-user", "postgres");
        CommandOutput second = CommandOutput.of(new MigrateCommand(), "--db-url", db, "--db-user", "postgres");

        assertThat(first.exit()).isZero();
        assertThat(first.out()).startsWith("schema at version " + LATEST + " (" + SchemaVersion.count() + " migration(s) applied now)");
        assertThat(second.out()).startsWith("schema at version " + LATEST + " (0 migration(s) applied now)");
        assertThat(Sql.count(db, "select count(*) from information_schema.columns "
                + "where table_name = 'rejected_messages' and column_name in ('payload_full', 'replayed_at')"))
                .isEqualTo(2);
    }

    @Test
    void anUnreachableDatabaseIsOneLineAndExitOne() throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:" + Ports.free() + "/orders";

        CommandOutput run = CommandOutput.of(new MigrateCommand(), "--db-url", url);

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).singleElement().asString()
                .startsWith("migrate: cannot reach PostgreSQL at " + url).contains("check ORDERS_DB_URL");
    }

    @Test
    void aMissingDatabaseSaysToCreateIt() {
        String url = "jdbc:postgresql://127.0.0.1:" + services.postgres().port() + "/no_such_database";

        CommandOutput run = CommandOutput.of(new MigrateCommand(), "--db-url", url, "--db-user", "postgres");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err().lines()).singleElement().asString().contains("does not exist")
                .contains("create it or fix ORDERS_DB_URL");
    }

    /** A second server on a serve's data dir would stop the first as an orphan: migrate joins it instead. */
    @Test
    void withoutADbUrlItMigratesTheEmbeddedDatabaseAlreadyRunningOnTheDataDir() throws Exception {
        try (EmbeddedDatabase running = EmbeddedDatabase.start(dataDir.resolve("postgres"), Ports.free())) {
            CommandOutput run = CommandOutput.of(new MigrateCommand(), "--data-dir", dataDir.toString());

            assertThat(run.err()).isEmpty();
            assertThat(run.out()).startsWith("schema at version " + LATEST);
            assertThat(Sql.count(running.jdbcUrl(), "select count(*) from orders")).isZero();
        }
    }

    @Test
    void withoutADbUrlOrARunningServeItStartsTheEmbeddedDatabaseForTheRun() {
        CommandOutput run = CommandOutput.of(new MigrateCommand(), "--data-dir", dataDir.toString());

        assertThat(run.err()).isEmpty();
        assertThat(run.out()).startsWith("schema at version " + LATEST + " (" + SchemaVersion.count() + " migration(s) applied now)");
        assertThat(EmbeddedDatabase.runningPort(dataDir.resolve("postgres"))).isEmpty();
    }
}
