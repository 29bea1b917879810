package dev.orderservice.ops;

import dev.orderservice.config.ConnectionOptions;
import dev.orderservice.config.ExitCodes;
import dev.orderservice.config.SettingException;
import dev.orderservice.ops.DatabaseTarget.IfNotRunning;
import dev.orderservice.store.Database;
import dev.orderservice.store.Migrations;
import dev.orderservice.store.PostgresFailure;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code migrate}: applies pending schema migrations and the app role's grants, then exits. Lets
 * a deployment migrate as the schema owner before the service starts with a login that cannot.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {"Applies pending schema migrations to PostgreSQL and exits, printing the schema version.",
                "With ORDERS_DB_MIGRATION_USER set it migrates as that user and grants ORDERS_DB_USER what the "
                        + "service needs. With no --db-url it works on the embedded PostgreSQL under --data-dir "
                        + "(the running serve's, or started for the run)."})
public final class MigrateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Override
    public Integer call() throws InterruptedException, SettingException {
        PrintWriter out = spec.commandLine().getOut();
        try (DatabaseTarget target = DatabaseTarget.open(connection.settings(), IfNotRunning.CREATE_AND_START);
                Database database = target.connect("migrate")) {
            Migrations.Applied applied;
            try {
                applied = database.migrate();
            } catch (RuntimeException e) {
                throw new CommandFailure(PostgresFailure.of(e).describe(target.url(), target.migrationSettings()), e);
            }
            out.println("schema at version " + applied.version() + " (" + applied.migrations()
                    + " migration(s) applied now)" + (target.grantee() != null
                    ? "; " + target.grantee() + " granted the service's privileges" : ""));
            out.flush();
            return ExitCodes.OK;
        } catch (CommandFailure e) {
            return Report.fail(spec, "migrate", e.getMessage());
        } catch (IOException e) {
            return Report.fail(spec, "migrate", "embedded PostgreSQL did not stop cleanly: " + e.getMessage());
        }
    }
}
