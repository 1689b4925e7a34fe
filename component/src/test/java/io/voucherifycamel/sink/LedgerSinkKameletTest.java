package io.voucherifycamel.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.voucherifycamel.event.WebhookEvent;
import io.voucherifycamel.headers.VoucherifyHeaders;
import io.voucherifycamel.retry.PermanentFailure;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The voucherify-ledger-sink Kamelet, as the component jar ships it (loaded from the class path, the
 * module's own target/classes/kamelets), on a plain Camel context against a real PostgreSQL server:
 * one row per transaction whatever arrives twice, the table created with the DDL its description
 * documents, a table name that is not a plain identifier refused before any SQL runs, and an event
 * without a transaction id refused as a permanent failure.
 */
class LedgerSinkKameletTest {

    /** The DDL of docs/routing-and-targets.md (and the Kamelet's description), as a user's DBA would run it. */
    static final String DDL = documentedDdl();

    private static EmbeddedPostgres postgres;
    private static DataSource dataSource;
    private static CamelContext camel;
    private static ProducerTemplate producer;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        dataSource = postgres.getPostgresDatabase();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(DDL);
            statement.execute("CREATE TABLE victims (id INT)");
        }
        camel = new DefaultCamelContext();
        camel.getRegistry().bind("ledgerDb", dataSource);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:ledger").to("kamelet:voucherify-ledger-sink?table=gift_ledger&dataSource=ledgerDb");
            }
        });
        camel.start();
        producer = camel.createProducerTemplate();
    }

    @AfterAll
    static void stop() throws IOException {
        if (camel != null) {
            camel.stop();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void theKameletComesFromTheComponentsOwnClassPath() {
        URL kamelet = LedgerSinkKameletTest.class.getResource("/kamelets/voucherify-ledger-sink.kamelet.yaml");
        assertTrue(kamelet != null && kamelet.toString().contains("component/target/classes/kamelets/"), () -> "loaded from " + kamelet);
    }

    @Test
    void theSameTransactionTwiceIsOneRowWithTheEventsValues() throws SQLException {
        String transaction = transaction();
        WebhookEvent event = SeedEvents.event(camel, transaction);
        Map<String, Object> headers = SeedEvents.headers(event);
        producer.sendBodyAndHeaders("direct:ledger", event, headers);
        // the second copy arrives as JSON text, as on a target queue
        producer.sendBodyAndHeaders("direct:ledger", SeedEvents.json(transaction), headers);

        assertEquals(1, rows(transaction));
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT event_id, event_type, voucher_id, voucher_code,"
                        + " transaction_type, amount, reason, payload FROM gift_ledger WHERE transaction_id = ?")) {
            select.setString(1, transaction);
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next());
                assertEquals("evvou_" + transaction, row.getString("event_id"));
                assertEquals("customer.voucher.gift.balance_added", row.getString("event_type"));
                assertEquals("v_oNia4nTFDqYZOWYJiMpX8ocB6p6ZaEBm", row.getString("voucher_id"));
                assertEquals("Gift-for-you-0", row.getString("voucher_code"));
                assertEquals("CREDITS_ADDITION", row.getString("transaction_type"));
                assertEquals(headers.get(VoucherifyHeaders.AMOUNT), row.getLong("amount"));
                assertEquals("Refund", row.getString("reason"));
                assertEquals(event.getJson(), row.getString("payload"));
            }
        }
    }

    @Test
    void twoTransactionsAreTwoRows() throws SQLException {
        String first = transaction();
        String second = transaction();
        for (String transaction : new String[] { first, second }) {
            WebhookEvent event = SeedEvents.event(camel, transaction);
            producer.sendBodyAndHeaders("direct:ledger", event, SeedEvents.headers(event));
        }
        assertEquals(1, rows(first));
        assertEquals(1, rows(second));
    }

    @Test
    void anEventWithoutATransactionIdIsAPermanentFailureAndNoRow() throws SQLException {
        String transaction = transaction();
        WebhookEvent event = SeedEvents.event(camel, transaction);
        Map<String, Object> headers = SeedEvents.headers(event);
        headers.remove(VoucherifyHeaders.TRANSACTION_ID);
        CamelExecutionException failure = assertThrows(CamelExecutionException.class,
                () -> producer.sendBodyAndHeaders("direct:ledger", event, headers));
        assertInstanceOf(PermanentFailure.class, failure.getCause());
        assertTrue(failure.getCause().getMessage().contains("evvou_" + transaction), failure.getCause().getMessage());
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM gift_ledger WHERE transaction_id IS NULL"
                        + " OR event_id = 'evvou_" + transaction + "'")) {
            count.next();
            assertEquals(0, count.getInt(1));
        }
    }

    @Test
    void aTableNameThatIsNotAPlainIdentifierIsRefusedBeforeAnySqlRuns() throws Exception {
        try (CamelContext other = new DefaultCamelContext()) {
            other.getRegistry().bind("ledgerDb", dataSource);
            other.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:ledger").to("kamelet:voucherify-ledger-sink?table=RAW(gift_ledger (transaction_id, payload)"
                            + " VALUES ('x', 'y'); DROP TABLE victims; --)&dataSource=ledgerDb");
                }
            });
            Exception refused = assertThrows(Exception.class, () -> {
                other.start();
                WebhookEvent event = SeedEvents.event(other, transaction());
                other.createProducerTemplate().sendBodyAndHeaders("direct:ledger", event, SeedEvents.headers(event));
            });
            assertTrue(causes(refused).contains("must be a plain SQL identifier"), () -> causes(refused));
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM victims")) {
            count.next(); // the table is still there
        }
        assertEquals(0, rows("x"));
    }

    private static String causes(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            text.append(cause).append('\n');
        }
        return text.toString();
    }

    private static int rows(String transaction) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM gift_ledger WHERE transaction_id = ?")) {
            count.setString(1, transaction);
            try (ResultSet result = count.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }

    private static String transaction() {
        return "vtx_" + UUID.randomUUID().toString().replace("-", "").substring(0, 18);
    }

    /** The first {@code sql} block of docs/routing-and-targets.md, without its semicolon: the docs' DDL is the one tested. */
    static String documentedDdl() {
        try {
            String page = java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "routing-and-targets.md"));
            int start = page.indexOf("```sql\n") + "```sql\n".length();
            return page.substring(start, page.indexOf("```", start)).strip().replaceAll(";$", "");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
