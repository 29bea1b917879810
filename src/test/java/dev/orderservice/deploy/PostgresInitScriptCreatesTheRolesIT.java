package dev.orderservice.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.orderservice.ops.MigrateCommand;
import dev.orderservice.testing.CommandOutput;
import dev.orderservice.testing.ThrowawayPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The compose file's PostgreSQL init script, run with psql as the postgres image would run it:
 * afterwards {@code migrate} as the owner grants the app role, which can read but not delete.
 */
class PostgresInitScriptCreatesTheRolesIT {

    private static final Path SCRIPT = Path.of("deploy/postgres/initdb/10-roles.sh");

    @Test
    void theOwnerMigratesAndTheAppRoleMayReadButNotDelete() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/psql")), "needs psql, as in the postgres image");
        try (ThrowawayPostgres postgres = ThrowawayPostgres.start()) {
            postgres.requirePasswords();
            ProcessBuilder init = new ProcessBuilder("sh", SCRIPT.toString()).redirectErrorStream(true);
            // the owner's password from a secret file, as compose hands it over; the app's from the variable
            Path ownerPassword = Files.writeString(Files.createTempFile("owner", ".secret"), "owner-pw\n");
            init.environment().putAll(Map.of("PGHOST", "127.0.0.1", "PGPORT", String.valueOf(postgres.port()),
                    "POSTGRES_USER", "postgres", "ORDERS_OWNER_PASSWORD_FILE", ownerPassword.toString(),
                    "ORDERS_APP_PASSWORD", "app-pw"));
            Process process = init.start();
            String output = new String(process.getInputStream().readAllBytes());
            assertThat(process.waitFor()).as(output).isZero();
            String db = "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/orders";

            CommandOutput migrate = CommandOutput.of(new MigrateCommand(), "--db-url", db, "--db-user", "orders_app",
                    "--db-migration-user", "orders_owner", "--db-migration-password", "owner-pw");

            assertThat(migrate.out()).as(migrate.err()).contains("orders_app granted the service's privileges");
            try (Connection app = DriverManager.getConnection(db, "orders_app", "app-pw");
                    Statement s = app.createStatement()) {
                s.executeQuery("select count(*) from orders").close();
                SQLException refused = catchThrowableOfType(SQLException.class, () -> s.execute("delete from orders"));
                assertThat(refused.getSQLState()).isEqualTo("42501");
            }
        }
    }
}
