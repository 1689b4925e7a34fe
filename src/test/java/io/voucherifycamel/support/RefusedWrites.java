package io.voucherifycamel.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

import io.voucherifycamel.db.Database;

/**
 * Makes the product's PostgreSQL refuse the rows of one table whose column holds a chosen value, with
 * a connection-class SQLSTATE (08006), as a database that went away at that moment would: at the
 * insert itself, or at the COMMIT of the transaction that inserted it (a deferred constraint trigger,
 * so the statements before the commit succeed). Other rows of the table are written as usual.
 */
public final class RefusedWrites {

    public enum When { AT_INSERT, AT_COMMIT }

    private final Database database;
    private final String table;

    private RefusedWrites(Database database, String table) {
        this.database = database;
        this.table = table;
    }

    /** From now on, rows of {@code table} with {@code column} = {@code value} are refused; {@link #allow()} ends it. */
    public static RefusedWrites refuse(Database database, String table, String column, String value, When when) throws SQLException {
        RefusedWrites refused = new RefusedWrites(database, table);
        String name = refused.name();
        try (Connection connection = database.connection(); Statement ddl = connection.createStatement()) {
            ddl.execute("CREATE TABLE " + name + " (refused VARCHAR(1000) PRIMARY KEY)");
            ddl.execute("CREATE FUNCTION " + name + "() RETURNS trigger LANGUAGE plpgsql AS $$\n"
                    + "BEGIN\n"
                    + "    IF EXISTS (SELECT 1 FROM " + name + " WHERE refused = NEW." + column + ") THEN\n"
                    + "        RAISE EXCEPTION 'connection lost (test: " + table + " refused)' USING ERRCODE = '08006';\n"
                    + "    END IF;\n"
                    + "    RETURN NEW;\n"
                    + "END $$");
            ddl.execute(when == When.AT_COMMIT
                    ? "CREATE CONSTRAINT TRIGGER " + name + " AFTER INSERT ON " + table
                            + " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION " + name + "()"
                    : "CREATE TRIGGER " + name + " BEFORE INSERT ON " + table + " FOR EACH ROW EXECUTE FUNCTION " + name + "()");
            try (PreparedStatement refuse = connection.prepareStatement("INSERT INTO " + name + " (refused) VALUES (?)")) {
                refuse.setString(1, value);
                refuse.executeUpdate();
            }
        }
        return refused;
    }

    /** A handle on the refusal of {@code table}'s rows, to {@link #allow()} them whether one was set up or not. */
    public static RefusedWrites of(Database database, String table) {
        return new RefusedWrites(database, table);
    }

    /** The table takes every row again. Safe to call twice, and when nothing was refused. */
    public void allow() throws SQLException {
        String name = name();
        try (Connection connection = database.connection(); Statement ddl = connection.createStatement()) {
            ddl.execute("DROP TRIGGER IF EXISTS " + name + " ON " + table);
            ddl.execute("DROP FUNCTION IF EXISTS " + name + "()");
            ddl.execute("DROP TABLE IF EXISTS " + name);
        }
    }

    private String name() {
        return "test_refused_" + table;
    }
}
