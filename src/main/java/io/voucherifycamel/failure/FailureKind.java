package io.voucherifycamel.failure;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.DateTimeException;
import java.util.Set;

import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;

import org.apache.camel.InvalidPayloadException;
import org.apache.camel.NoTypeConversionAvailableException;
import org.apache.camel.TypeConversionException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

import io.quarkus.qute.TemplateException;
import io.voucherifycamel.retry.PermanentFailure;

/**
 * The one place that tells the two kinds of failure apart, for the targets (retry or dead letter)
 * and for the webhook (503 or quarantine).
 * <ul>
 * <li>{@link #PERMANENT}: this event can never succeed here as it is — a field the target needs is
 * missing, a value the database refuses (SQLSTATE classes 22 data, 23 constraint, 42 statement),
 * a template error, an SMTP 5xx answer, a programming error. Retrying only delays the events behind it.</li>
 * <li>{@link #TRANSIENT}: the other side is unreachable or busy — a refused or broken connection, a
 * timeout, SQLSTATE 08 (connection), 40 (rollback), 53/57/58 (resources, shutdown), an SMTP 4xx
 * answer, any broker error. Worth trying again later.</li>
 * </ul>
 * The innermost cause that says something decides (a wrapped connection error is transient, a
 * wrapped {@link PermanentFailure} permanent); a failure nobody recognises counts as transient, so
 * it is retried a bounded number of times and then dead-lettered: nothing is lost either way.
 */
public enum FailureKind {
    PERMANENT,
    TRANSIENT;

    /** SQLSTATE classes of a statement that will fail the same way every time. */
    private static final Set<String> PERMANENT_SQL_CLASSES = Set.of("0A", "21", "22", "23", "2B", "42", "44");
    /** SQLSTATE classes of a database that is unreachable, busy or going down. */
    private static final Set<String> TRANSIENT_SQL_CLASSES = Set.of("08", "40", "53", "55", "57", "58");
    /** Enough for any real chain of causes; guards against a chain that loops. */
    private static final int MAX_CAUSES = 20;

    public static FailureKind of(Throwable failure) {
        FailureKind decided = null;
        Throwable current = failure;
        for (int depth = 0; current != null && depth < MAX_CAUSES; depth++, current = next(current)) {
            FailureKind kind = kindOf(current);
            if (kind != null) {
                decided = kind; // a deeper cause that says something wins
            }
        }
        return decided == null ? TRANSIENT : decided;
    }

    private static FailureKind kindOf(Throwable failure) {
        if (failure instanceof PermanentFailure) {
            return PERMANENT;
        }
        if (failure instanceof SQLException sql) {
            return ofSql(sql);
        }
        if (failure instanceof SMTPSendFailedException smtp) {
            return ofSmtpReply(smtp.getReturnCode());
        }
        if (failure instanceof SMTPAddressFailedException smtp) {
            return ofSmtpReply(smtp.getReturnCode());
        }
        if (failure instanceof AddressException || failure instanceof TemplateException) {
            return PERMANENT;
        }
        if (failure instanceof MessageFormatException || failure instanceof MessageFormatRuntimeException
                || failure instanceof InvalidDestinationException || failure instanceof InvalidSelectorException) {
            return PERMANENT;
        }
        if (failure instanceof JMSException || failure instanceof JMSRuntimeException || failure instanceof IOException
                || failure instanceof MessagingException) {
            return TRANSIENT;
        }
        if (failure instanceof TypeConversionException || failure instanceof NoTypeConversionAvailableException
                || failure instanceof InvalidPayloadException) {
            return PERMANENT;
        }
        // programming errors and values a parser refuses: the same input fails the same way again
        if (failure instanceof IllegalArgumentException || failure instanceof NullPointerException
                || failure instanceof ClassCastException || failure instanceof ArithmeticException
                || failure instanceof IndexOutOfBoundsException || failure instanceof UnsupportedOperationException
                || failure instanceof DateTimeException) {
            return PERMANENT;
        }
        return null;
    }

    private static FailureKind ofSql(SQLException sql) {
        if (sql instanceof SQLTransientException || sql instanceof SQLRecoverableException) {
            return TRANSIENT;
        }
        String state = sql.getSQLState();
        if (state == null || state.length() < 2) {
            return TRANSIENT; // e.g. no connection could be acquired from the pool in time
        }
        String sqlClass = state.substring(0, 2).toUpperCase(java.util.Locale.ROOT);
        if (PERMANENT_SQL_CLASSES.contains(sqlClass)) {
            return PERMANENT;
        }
        return TRANSIENT_SQL_CLASSES.contains(sqlClass) ? TRANSIENT : null;
    }

    private static FailureKind ofSmtpReply(int code) {
        return code >= 500 && code < 600 ? PERMANENT : TRANSIENT;
    }

    private static Throwable next(Throwable failure) {
        if (failure instanceof SQLException sql && sql.getNextException() != null && failure.getCause() == null) {
            return sql.getNextException();
        }
        if (failure instanceof MessagingException mail && mail.getNextException() != null) {
            return mail.getNextException();
        }
        if (failure instanceof JMSException jms && jms.getLinkedException() != null && failure.getCause() == null) {
            return jms.getLinkedException();
        }
        return failure.getCause();
    }
}
