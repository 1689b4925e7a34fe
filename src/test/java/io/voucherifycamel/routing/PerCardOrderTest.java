package io.voucherifycamel.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;

import org.apache.camel.CamelContext;
import org.apache.camel.component.jms.JmsEndpoint;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.common.annotation.Identifier;
import io.voucherifycamel.broker.PooledConnectionFactory;
import io.voucherifycamel.headers.VoucherifyHeaders;
import io.voucherifycamel.support.FlakyTarget;
import io.voucherifycamel.support.Webhooks;

/**
 * docs/operations.md "Ordering": per target, one card's events are delivered one at a time in the order they were
 * accepted, although each target runs several consumers; an event that is retried is delivered after
 * the events of its card that came after it. Observed where a user sees it: the messages of the
 * shipped {@code automatic-topic} target, read off its JMS topic in the order they arrive, and the
 * deliveries of the test's flaky target.
 */
@QuarkusTest
@TestProfile(FlakyTargetProfile.class)
class PerCardOrderTest {

    // fewer cards than consumers, so that a card's next event often sits right behind it in a queue, where
    // un-grouped consumers would take both at once: with 5 cards x 20 events one event in 100 arrived out
    // of order against un-grouped consumers; with 3 x 40, events of every card, in every run
    private static final int CARDS = 3;
    private static final int EVENTS_PER_CARD = 40;
    private static final Duration FEW_SECONDS = Duration.ofSeconds(30);

    @Inject
    CamelContext camel;

    @Inject
    @Identifier(PooledConnectionFactory.NAME)
    ConnectionFactory jms;

    @ConfigProperty(name = "voucherify.jms.automatic-topic")
    String automaticTopic;

    @Test
    void eachCardsEventsArriveInTheOrderTheyWereAcceptedWhilePostedConcurrently() throws Exception {
        // the promise is only worth testing where consumers compete for one card's events
        String targetRoute = Targets.routeId("automatic-topic");
        JmsEndpoint target = (JmsEndpoint) camel.getRoute(targetRoute).getEndpoint();
        assertTrue(target.getConcurrentConsumers() > 1, "automatic-topic runs several consumers");

        List<String> cards = new ArrayList<>();
        for (int c = 0; c < CARDS; c++) {
            cards.add("v_order" + c + "_" + Webhooks.unique());
        }
        String selector = VoucherifyHeaders.VOUCHER_ID + " IN ("
                + cards.stream().map(card -> "'" + card + "'").collect(Collectors.joining(",")) + ")";
        try (JMSContext context = jms.createContext(JMSContext.AUTO_ACKNOWLEDGE);
                JMSConsumer topic = context.createConsumer(context.createTopic(automaticTopic), selector)) {
            // a backlog at each stage, as when the product falls behind: a suspended route's consumers stay
            // connected, so the broker hands the backlog out among them and, on resume, they compete for
            // every card's events instead of taking each alone as it comes (first the inbox, then the target)
            camel.getRouteController().suspendRoute("inbox");
            camel.getRouteController().suspendRoute(targetRoute);
            Map<String, List<String>> accepted;
            try {
                accepted = postConcurrently(cards);
                camel.getRouteController().resumeRoute("inbox");
                Awaitility.await("all dispatched to automatic-topic").atMost(FEW_SECONDS)
                        .until(() -> waiting(context, Targets.queue("automatic-topic"), selector) == CARDS * EVENTS_PER_CARD);
            } finally {
                camel.getRouteController().resumeRoute("inbox");
                camel.getRouteController().resumeRoute(targetRoute);
            }

            Map<String, List<String>> arrived = new LinkedHashMap<>();
            cards.forEach(card -> arrived.put(card, new ArrayList<>()));
            for (int n = 0; n < CARDS * EVENTS_PER_CARD; n++) {
                Message message = topic.receive(FEW_SECONDS.toMillis());
                assertNotNull(message, "message " + (n + 1) + " of " + CARDS * EVENTS_PER_CARD + " on " + automaticTopic);
                arrived.get(message.getStringProperty(VoucherifyHeaders.VOUCHER_ID))
                        .add(message.getStringProperty(VoucherifyHeaders.TRANSACTION_ID));
            }
            // each card's events as their places in its order of acceptance: 0, 1, 2 … when in order
            Map<String, List<Integer>> outOfOrder = new LinkedHashMap<>();
            for (String card : cards) {
                List<Integer> places = arrived.get(card).stream().map(accepted.get(card)::indexOf).toList();
                if (!places.equals(IntStream.range(0, EVENTS_PER_CARD).boxed().toList())) {
                    outOfOrder.put(card, places);
                }
            }
            assertTrue(outOfOrder.isEmpty(), () -> outOfOrder.size() + " of " + CARDS + " cards' events arrived on "
                    + automaticTopic + " out of their order of acceptance, in this order: " + outOfOrder);
        }
    }

    /**
     * Events accepted while the inbox still holds older events of their card (processing was paused, or
     * the rules ran there) go through the inbox too, behind them, instead of straight to the targets'
     * queues, where they would overtake them.
     */
    @Test
    void eventsAcceptedWhileTheInboxHoldsTheirCardsOlderOnesComeAfterThem() throws Exception {
        String card = "v_backlog_" + Webhooks.unique();
        List<String> accepted = new ArrayList<>();
        try (JMSContext context = jms.createContext(JMSContext.AUTO_ACKNOWLEDGE);
                JMSConsumer topic = context.createConsumer(context.createTopic(automaticTopic),
                        VoucherifyHeaders.VOUCHER_ID + " = '" + card + "'")) {
            camel.getRouteController().stopRoute("inbox");
            try {
                for (int i = 0; i < 20; i++) { // processing paused: they wait in the inbox
                    ObjectNode event = onCard(Webhooks.gift("top-up " + i, "AUTOMATIC"), card);
                    Webhooks.post(event).then().statusCode(202);
                    accepted.add(Webhooks.transactionId(event));
                }
            } finally {
                camel.getRouteController().startRoute("inbox");
            }
            for (int i = 20; i < 40; i++) { // at once, while the inbox hands its backlog out
                ObjectNode event = onCard(Webhooks.gift("top-up " + i, "AUTOMATIC"), card);
                Webhooks.post(event).then().statusCode(202);
                accepted.add(Webhooks.transactionId(event));
            }
            List<String> arrived = new ArrayList<>();
            for (int n = 0; n < accepted.size(); n++) {
                Message message = topic.receive(FEW_SECONDS.toMillis());
                assertNotNull(message, "message " + (n + 1) + " of " + accepted.size() + " on " + automaticTopic);
                arrived.add(message.getStringProperty(VoucherifyHeaders.TRANSACTION_ID));
            }
            assertEquals(accepted, arrived, "the card's events in their order of acceptance");
        }
    }

    @Test
    void aRetriedEventIsDeliveredAfterTheEventsOfItsCardThatCameAfterIt() {
        FlakyTarget.failAgain();
        try {
            String card = "v_retried_" + Webhooks.unique();
            ObjectNode failing = onCard(Webhooks.gift("flaky-fail", "MANUAL"), card);
            String failingTx = Webhooks.transactionId(failing);
            Webhooks.post(failing).then().statusCode(202);
            Awaitility.await("first attempt failed").atMost(FEW_SECONDS).until(() -> FlakyTarget.attempts(failingTx) == 1);

            List<String> later = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ObjectNode event = onCard(Webhooks.gift("flaky-ok", "MANUAL"), card);
                Webhooks.post(event).then().statusCode(202);
                later.add(Webhooks.transactionId(event));
            }
            // the card's later events do not wait for the failed one, which waits in the broker for its retry
            Awaitility.await("the later events delivered").atMost(FEW_SECONDS)
                    .until(() -> later.stream().allMatch(tx -> FlakyTarget.deliveries(tx) == 1));
            FlakyTarget.recover();
            Awaitility.await("the failed event delivered at its retry").atMost(FEW_SECONDS)
                    .until(() -> FlakyTarget.deliveries(failingTx) == 1);

            List<String> expected = new ArrayList<>(later);
            expected.add(failingTx);
            List<String> ofCard = FlakyTarget.delivered().stream().filter(expected::contains).toList();
            assertEquals(expected, ofCard, "card " + card + ": the later events in their order, then the retried one");
        } finally {
            FlakyTarget.failAgain();
        }
    }

    /**
     * Posts each card's events from a thread of its own, one after the other, each after the previous
     * one's 202: so the cards race each other, and each card's order of acceptance is known.
     */
    private static Map<String, List<String>> postConcurrently(List<String> cards) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(cards.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            Map<String, Future<List<String>>> posting = new LinkedHashMap<>();
            for (String card : cards) {
                posting.put(card, clients.submit(() -> {
                    start.await();
                    List<String> accepted = new ArrayList<>();
                    for (int i = 0; i < EVENTS_PER_CARD; i++) {
                        ObjectNode event = onCard(Webhooks.gift("card order " + i, "AUTOMATIC"), card);
                        Webhooks.post(event).then().statusCode(202);
                        accepted.add(Webhooks.transactionId(event));
                    }
                    return accepted;
                }));
            }
            start.countDown();
            Map<String, List<String>> accepted = new LinkedHashMap<>();
            for (Map.Entry<String, Future<List<String>>> card : posting.entrySet()) {
                accepted.put(card.getKey(), card.getValue().get());
            }
            return accepted;
        } finally {
            clients.shutdownNow();
        }
    }

    /** The messages of these cards waiting on a queue, as a browser sees them. */
    private static int waiting(JMSContext context, String queue, String selector) throws JMSException {
        try (QueueBrowser browser = context.createBrowser(context.createQueue(queue), selector)) {
            return Collections.list(browser.getEnumeration()).size();
        }
    }

    private static ObjectNode onCard(ObjectNode event, String card) {
        ((ObjectNode) event.path("data").path("voucher")).put("id", card);
        ((ObjectNode) event.path("data").path("transaction")).put("voucher_id", card);
        return event;
    }
}
