package dev.orderservice.ops;

import dev.orderservice.store.ChildRows;
import dev.orderservice.store.Database;
import dev.orderservice.store.Migrations;
import dev.orderservice.store.PostgresFailure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The PostgreSQL half of {@code check}: each login can connect, the schema is migrated, and the
 * app login holds the privileges the service needs, and every child row belongs to a stored order.
 * A failed step skips those that depend on it.
 */
final class PostgresChecks {

    /** What the service writes and reads; the app login needs SELECT and INSERT on each. */
    static final List<String> TABLES = List.of("orders", "items", "rejected_messages");

    private PostgresChecks() {
    }

    static List<CheckLine> run(DatabaseTarget target) {
        List<CheckLine> lines = new ArrayList<>();
        try (Database database = target.connect("check")) {
            CheckLine login = login(database, target);
            lines.add(login);
            if (target.separateMigrationLogin()) {
                lines.add(migrationLogin(target));
            }
            if (!login.ok()) {
                return lines;
            }
            CheckLine schema = schema(database, target);
            lines.add(schema);
            if (schema.ok()) {
                lines.add(privileges(database, target));
                lines.add(integrity(database, target));
            }
        }
        return lines;
    }

    private static CheckLine login(Database database, DatabaseTarget target) {
        try (Connection c = database.dataSource().getConnection()) {
            return CheckLine.ok("PostgreSQL", "connected to " + target.url() + " as " + c.getMetaData().getUserName()
                    + " (PostgreSQL " + c.getMetaData().getDatabaseProductVersion() + ")");
        } catch (SQLException e) {
            return CheckLine.fail("PostgreSQL", PostgresFailure.of(e).describe(target.url(),
                    PostgresFailure.APP_LOGIN));
        }
    }

    private static CheckLine migrationLogin(DatabaseTarget target) {
        try (Connection c = target.connectAsMigrationUser()) {
            return CheckLine.ok("PostgreSQL migration login", "connected as " + c.getMetaData().getUserName());
        } catch (SQLException e) {
            return CheckLine.fail("PostgreSQL migration login", PostgresFailure.of(e).describe(target.url(),
                    PostgresFailure.MIGRATION_LOGIN));
        }
    }

    private static CheckLine schema(Database database, DatabaseTarget target) {
        Migrations.Status status;
        try {
            status = database.migrations().status();
        } catch (RuntimeException e) {
            return CheckLine.fail("schema", PostgresFailure.of(e).describe(target.url(), target.migrationSettings()));
        }
        String fix = "; run `order-service migrate` (serve also migrates at start when its login may)";
        if (status.current() == null) {
            return CheckLine.fail("schema", "never migrated (no tables)" + fix);
        }
        if (status.pending() > 0) {
            return CheckLine.fail("schema", "at version " + status.current() + ", " + status.pending()
                    + " migration(s) pending up to " + status.latest() + fix);
        }
        if (status.future() > 0) {
            return CheckLine.ok("schema", "at version " + status.current() + ", newer than this build ("
                    + status.latest() + "); a newer order-service migrated it");
        }
        return CheckLine.ok("schema", "at version " + status.current() + ", up to date");
    }

    private static CheckLine privileges(Database database, DatabaseTarget target) {
        List<String> missing = new ArrayList<>();
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("select has_table_privilege(?, ?)")) {
            for (String table : TABLES) {
                for (String privilege : List.of("SELECT", "INSERT")) {
                    s.setString(1, table);
                    s.setString(2, privilege);
                    try (ResultSet r = s.executeQuery()) {
                        r.next();
                        if (!r.getBoolean(1)) {
                            missing.add(privilege + " on " + table);
                        }
                    }
                }
            }
            String user = c.getMetaData().getUserName();
            if (!missing.isEmpty()) {
                return CheckLine.fail("privileges", user + " lacks " + String.join(", ", missing)
                        + "; run `order-service migrate` with ORDERS_DB_MIGRATION_USER set (it grants them)");
            }
            return CheckLine.ok("privileges", user + " may read and insert " + String.join(", ", TABLES));
        } catch (SQLException e) {
            return CheckLine.fail("privileges", PostgresFailure.of(e).describe(target.url(),
                    PostgresFailure.APP_LOGIN));
        }
    }

    /** What the foreign keys dropped by migration V20 kept: no item without its order. */
    private static CheckLine integrity(Database database, DatabaseTarget target) {
        try (Connection c = database.dataSource().getConnection()) {
            Map<String, Long> orphans = ChildRows.orphans(c);
            List<String> found = orphans.entrySet().stream().filter(e -> e.getValue() > 0)
                    .map(e -> e.getValue() + " in " + e.getKey()).toList();
            if (!found.isEmpty()) {
                return CheckLine.fail("integrity", "rows without a stored order: " + String.join(", ", found)
                        + "; something other than order-service wrote or deleted them");
            }
            return CheckLine.ok("integrity", "every row of " + String.join(", ", orphans.keySet())
                    + " belongs to a stored order");
        } catch (SQLException e) {
            return CheckLine.fail("integrity", PostgresFailure.of(e).describe(target.url(),
                    PostgresFailure.APP_LOGIN));
        }
    }
}
