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

    /**
     * Free text made storable in any text column: NUL and unpaired surrogates (which PostgreSQL or
     * UTF-8 refuse) become U+FFFD, and the text is cut to the column's width without splitting a
     * pair. Only for labels and details; ids are kept exactly or not at all.
     */
    public static String storable(String value, int width) {
        if (value == null || value.length() <= width && value.chars().noneMatch(Sql::unstorable)) {
            return value; // the usual case, without a copy
        }
        StringBuilder text = new StringBuilder(Math.min(value.length(), width));
        for (int i = 0; i < value.length() && text.length() < width; i++) {
            char c = value.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
            if (pair) {
                if (text.length() + 2 > width) {
                    break;
                }
                text.append(c).append(value.charAt(++i));
            } else {
                text.append(unstorable(c) ? '\uFFFD' : c);
            }
        }
        return text.toString();
    }

    /** NUL, or half of a surrogate pair (a whole pair is kept by the caller). */
    private static boolean unstorable(int c) {
        return c == 0 || Character.isSurrogate((char) c);
    }

    /** The first SQLException among a failure's causes, or null. */
    public static SQLException find(Throwable failure) {
        for (Throwable current = failure; current != null; current = current.getCause()) {
            if (current instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    public static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
