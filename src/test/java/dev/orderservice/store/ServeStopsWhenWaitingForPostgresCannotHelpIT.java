package dev.orderservice.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderservice.testing.RealServices;
import dev.orderservice.testing.ServiceProcess;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * serve waits while PostgreSQL is unreachable ({@code PostgresOutageIT}), but a failure no wait
 * mends stops it at once: exit 2 and one line saying what is wrong and which setting fixes it.
 */
class ServeStopsWhenWaitingForPostgresCannotHelpIT {

    @RegisterExtension
    static final RealServices services = new RealServices();

    @Test
    void aMissingDatabaseSaysToCreateIt() throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:" + services.postgres().port() + "/no_such_database";

        String line = stopLine("missing-db", url, Map.of());

        assertThat(line).contains("the database in " + url + " does not exist").endsWith("create it or fix ORDERS_DB_URL");
    }

    @Test
    void aRefusedLoginNamesTheServiceLoginSettings() throws Exception {
        String line = stopLine("refused-login", services.postgres().newDatabase(), Map.of("ORDERS_DB_USER", "nobody_here"));

        assertThat(line).contains("refused the login").endsWith("check ORDERS_DB_USER / ORDERS_DB_PASSWORD");
    }

    @Test
    void aRefusedMigrationLoginNamesTheMigrationSettings() throws Exception {
        String line = stopLine("refused-migration-login", services.postgres().newDatabase(),
                Map.of("ORDERS_DB_MIGRATION_USER", "nobody_here"));

        assertThat(line).contains("refused the login")
                .endsWith("check ORDERS_DB_MIGRATION_USER / ORDERS_DB_MIGRATION_PASSWORD");
    }

    /** Starts serve, expects it to stop by itself with exit 2, and returns its one ERROR line. */
    private static String stopLine(String name, String dbUrl, Map<String, String> overrides) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("ORDERS_DB_URL", dbUrl, "ORDERS_DB_USER", "postgres",
                "ORDERS_NATS_URL", services.nats().url()));
        env.putAll(overrides);
        try (ServiceProcess service = new ServiceProcess(env, List.of("serve"), name)) {
            service.start();
            assertThat(service.awaitExit(Duration.ofSeconds(60))).as("exit code").isEqualTo(2);
            List<String> lines = service.logLines();
            assertThat(lines).as("the service log").noneMatch(l -> l.startsWith("\tat ") || l.startsWith("Caused by:"));
            List<String> errors = lines.stream().filter(l -> l.contains(" ERROR ")).toList();
            assertThat(errors).as("ERROR lines in %s", lines).hasSize(1);
            return errors.get(0);
        }
    }
}
