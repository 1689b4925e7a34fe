package io.voucherifycamel.intake;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.jboss.logging.Logger;

import io.voucherifycamel.db.Database;
import io.voucherifycamel.db.Sql;
import io.voucherifycamel.event.ReadResult;

/**
 * Keeps an authentic body that cannot be processed, byte for byte, in {@code quarantined_webhook},
 * before Voucherify gets its 2xx: a 4xx would only make Voucherify retry and then disable the webhook.
 */
@ApplicationScoped
@Named("quarantine")
public class Quarantine {

    /** Exchange property holding the body exactly as received. */
    public static final String RAW_BODY = "voucherifyRawBody";

    private static final Logger LOG = Logger.getLogger(Quarantine.class);
    private static final String INSERT = "INSERT INTO quarantined_webhook"
            + " (id, received_at, reason, detail, event_type, content_type, body) VALUES (?, ?, ?, ?, ?, ?, ?)";

    private final Database database;
    private final IntakeMetrics metrics;

    Quarantine(Database database, IntakeMetrics metrics) {
        this.database = database;
        this.metrics = metrics;
    }

    public Acknowledgement keep(ReadResult.Unprocessable unprocessable, @ExchangeProperty(RAW_BODY) byte[] body,
            @Header(Exchange.CONTENT_TYPE) String contentType) throws SQLException {
        String id = UUID.randomUUID().toString();
        String reason = unprocessable.reason().code();
        try (Connection connection = database.connection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, id);
            insert.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
            insert.setString(3, reason);
            insert.setString(4, Sql.fit(unprocessable.detail(), 1000));
            insert.setString(5, Sql.fit(unprocessable.eventType(), 255));
            insert.setString(6, Sql.fit(contentType, 255));
            insert.setBytes(7, body);
            insert.executeUpdate();
        }
        metrics.count("quarantined", reason);
        LOG.warnf("Quarantined webhook %s (%s): %s", id, reason, unprocessable.detail());
        return Acknowledgement.quarantined(id, reason, unprocessable.detail());
    }
}
