package io.voucherifycamel.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;

import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.TextMessage;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.smallrye.common.annotation.Identifier;
import io.voucherifycamel.broker.PooledConnectionFactory;
import io.voucherifycamel.headers.VoucherifyHeaders;
import io.voucherifycamel.support.Admin;
import io.voucherifycamel.support.Broker;
import io.voucherifycamel.support.Webhooks;

/**
 * docs/operations.md "Event history", how a replay meets de-duplication: a replay without {@code redeliver} is not
 * forwarded to a JMS target again while the broker remembers the duplicate id; with
 * {@code redeliver=true} it is, once. Checked on the shipped events-queue target (rule 4), on the
 * queue voucherify.events.
 */
@QuarkusTest
class ReplayJmsDeduplicationTest {

    private static final Duration FEW_SECONDS = AdminApiTest.FEW_SECONDS;
    /** How long a copy that should not come is waited for, after a later event came through. */
    private static final Duration LATE = Duration.ofSeconds(3);

    @Inject
    @Identifier(PooledConnectionFactory.NAME)
    ConnectionFactory jms;

    @Test
    void aReplayReachesAJmsTargetAgainOnlyWithRedeliver() throws Exception {
        ObjectNode created = Webhooks.otherEvent();
        String eventId = Webhooks.eventId(created);
        Webhooks.post(created).then().statusCode(202);
        String id = AdminApiTest.awaitDelivered("event_id", eventId, "events-queue").getString("[0].id");
        assertNotNull(Broker.receive(jms, Broker.EVENTS, eventId, FEW_SECONDS), "the first delivery");

        String quiet = replay(Admin.admin(), id);
        awaitReplayed(eventId, quiet);
        assertNull(afterALaterEvent(eventId), "a replay without redeliver is not forwarded to voucherify.events again");

        String again = replay(Admin.admin().queryParam("redeliver", "true"), id);
        awaitReplayed(eventId, again);
        TextMessage copy = Broker.receive(jms, Broker.EVENTS, eventId, FEW_SECONDS);
        assertNotNull(copy, "a replay with redeliver=true is forwarded again");
        assertEquals(again, copy.getStringProperty(VoucherifyHeaders.REPLAY_ID));
        assertNull(afterALaterEvent(eventId), "forwarded once");
    }

    private static String replay(RequestSpecification request, String id) {
        return request.post("/admin/events/" + id + "/replay").then().statusCode(200).extract().path("replay_id");
    }

    /** Waits until the event history says the replay was delivered to events-queue: sent, or dropped as a duplicate. */
    private static void awaitReplayed(String eventId, String replayId) {
        Awaitility.await("replay " + replayId + " delivered").atMost(FEW_SECONDS)
                .until(() -> AdminApiTest.lookup("event_id", eventId), found -> replayId.equals(
                        found.getString("[0].targets.find { it.target == 'events-queue' }.replay_id"))
                        && "DELIVERED".equals(found.getString("[0].targets.find { it.target == 'events-queue' }.status")));
    }

    /**
     * A copy of the event that arrives after an event accepted later came through, and after a further
     * wait ({@link #LATE}), or null: a late copy would have had the time to arrive.
     */
    private TextMessage afterALaterEvent(String eventId) throws JMSException {
        ObjectNode later = Webhooks.otherEvent();
        Webhooks.post(later).then().statusCode(202);
        assertNotNull(Broker.receive(jms, Broker.EVENTS, Webhooks.eventId(later), FEW_SECONDS), "the later event");
        return Broker.receive(jms, Broker.EVENTS, eventId, LATE);
    }
}
