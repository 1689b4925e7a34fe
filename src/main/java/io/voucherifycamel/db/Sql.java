package io.voucherifycamel.db;

import java.sql.Connection;
import java.sql.SQLException;

/** Small JDBC helpers shared by the repositories. */
public final class Sql {

    /** SQLSTATE of a unique-constraint violation, the same on PostgreSQL and H2. */
    private static final String UNIQUE_VIOLATION = "23505";

    private Sql() {
    }

    public static boolean isUniqueViolation(SQLException e) {
        for (SQLException current = e; current != null; current = current.getNextException()) {
            if (UNIQUE_VIOLATION.equals(current.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** Cuts free text to a column's width, so an over-long label never fails a write. */
    public static String fit(String value, int width) {
        return value == null || value.length() <= width ? value : value.substring(0, width);
    }

    public static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
