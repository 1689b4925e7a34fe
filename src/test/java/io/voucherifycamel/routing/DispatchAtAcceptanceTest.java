package io.voucherifycamel.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.TextMessage;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.common.annotation.Identifier;
import io.voucherifycamel.broker.PooledConnectionFactory;
import io.voucherifycamel.db.Database;
import io.voucherifycamel.support.Broker;
import io.voucherifycamel.support.DeadLetterList;
import io.voucherifycamel.support.Tables;
import io.voucherifycamel.support.TestRoutes;
import io.voucherifycamel.support.Webhooks;

/**
 * The rules are asked when an event is accepted, and the event goes straight to the targets they
 * chose, with the headers the rules set; a rule that fails there (here: it names a target nothing serves) does not fail the webhook:
 * the event goes through the inbox, whose consumer asks the rules again and parks it with the reason,
 * with nothing half sent, as before the rules were asked at acceptance.
 */
@QuarkusTest
@TestProfile(DispatchAtAcceptanceTest.Profile.class)
class DispatchAtAcceptanceTest {

    public static class Profile implements QuarkusTestProfile {

        static final String RULE = ""
                + "              - simple: \"${header.VoucherifyReason} == 'typo'\"\n"
                + "                steps:\n"
                + "                  - setHeader:\n"
                + "                      name: VoucherifyTargets\n"
                + "                      constant: ledger,no-such-target\n"
                + "              - simple: \"${header.VoucherifyReason} == 'for the team'\"\n"
                + "                steps:\n"
                + "                  - setHeader:\n"
                + "                      name: X-Team\n"
                + "                      constant: finance\n"
                + "                  - setHeader:\n"
                + "                      name: VoucherifyTargets\n"
                + "                      constant: audit\n";

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("voucherify.routes-dir", TestRoutes.copy(RULE, Map.of("audit.camel.yaml", TestRoutes.AUDIT_TARGET)).toString());
        }
    }

    private static final String LEDGER_ROWS = "SELECT COUNT(*) FROM balance_ledger WHERE transaction_id = ?";

    @Inject
    Database database;

    @Inject
    MeterRegistry metrics;

    @Inject
    @Identifier(PooledConnectionFactory.NAME)
    ConnectionFactory jms;

    @Test
    void anEventTheRulesChooseForGoesStraightToItsTargets() throws Exception {
        double inboxBefore = inboxExchanges();
        ObjectNode event = Webhooks.gift("cash reward", "MANUAL"); // rule "balance": the ledger
        Webhooks.post(event).then().statusCode(202);
        Awaitility.await("in the ledger").atMost(Duration.ofSeconds(20))
                .until(() -> Tables.count(database, LEDGER_ROWS, Webhooks.transactionId(event)) == 1);
        assertEquals(inboxBefore, inboxExchanges(), "not through the inbox");
    }

    @Test
    void theHeadersARuleSetsReachItsTargets() throws Exception {
        double inboxBefore = inboxExchanges();
        ObjectNode event = Webhooks.gift("for the team", "MANUAL");
        Webhooks.post(event).then().statusCode(202);
        TextMessage audited = Broker.receive(jms, TestRoutes.AUDIT_QUEUE, Webhooks.eventId(event), Duration.ofSeconds(20));
        assertNotNull(audited, "forwarded by the audit target");
        // the jms-target forwards it with Camel's JMS names ('-' encoded), as it would had the inbox sent it on
        assertEquals("finance", audited.getStringProperty("X_HYPHEN_Team"));
        assertEquals(Webhooks.write(event), audited.getText());
        assertEquals(inboxBefore, inboxExchanges(), "not through the inbox");
    }

    @Test
    void aRuleThatFailsAtAcceptanceSendsTheEventThroughTheInboxWhichParksIt() throws Exception {
        double inboxBefore = inboxExchanges();
        ObjectNode event = Webhooks.gift("typo", "MANUAL");
        Webhooks.post(event).then().statusCode(202);

        Map<String, Object> parked = Awaitility.await("parked with its reason").atMost(Duration.ofSeconds(20))
                .until(() -> DeadLetterList.of(null, Webhooks.eventId(event)), entry -> entry != null);
        assertEquals(null, parked.get("target"), "parked by the inbox, not by a target: " + parked);
        assertEquals("permanent", parked.get("kind"), parked.toString());
        assertTrue(((String) parked.get("reason")).contains("no route serves target 'no-such-target'"), parked.toString());
        assertEquals(inboxBefore + 1, inboxExchanges(), "through the inbox, once");
        assertEquals(0, Tables.count(database, LEDGER_ROWS, Webhooks.transactionId(event)), "nothing half sent");
    }

    /** Exchanges the inbox route completed or failed, as Camel's route metrics count them. */
    private double inboxExchanges() {
        Counter counter = metrics.find("camel.exchanges.total").tag("routeId", "inbox").counter();
        return counter == null ? 0 : counter.count();
    }
}
