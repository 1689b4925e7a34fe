package io.voucherifycamel.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.voucherifycamel.event.EventTypes;
import io.voucherifycamel.event.GenericEventData;
import io.voucherifycamel.signature.SignatureVerifier;
import io.voucherifycamel.support.OpenApiExamples;
import io.voucherifycamel.support.Webhooks;

/**
 * The mix workload ({@code -Dbench.workload=mix}): unique signed copies of Voucherify's official webhook
 * examples (the 72 events of component/src/test/resources/voucherify/OpenAPIWebhooks.json, each in its
 * v2024-01-01 envelope), sent in turn, in the file's order, each copy with new delivery, event and
 * transaction ids and its card (voucher id) one of {@code cards}; after them, in the same cycle, two of
 * the balance examples once more with {@code operation_type} AUTOMATIC (a gift and a loyalty one), as
 * no official example is automatic. Per cycle of 74 events the shipped rules (routes/dispatch.camel.yaml)
 * give: 1 manual gift refund (finance-email + ledger), 2 automatic (automatic-topic + ledger), 7 other
 * gift and loyalty balance events (ledger), 64 other event types (events-queue). Deterministic: the
 * same sequence on every run.
 */
final class MixEvents implements Workload {

    /** The balance examples sent again as AUTOMATIC, one gift and one loyalty. */
    private static final List<String> AUTOMATIC = List.of("voucher.gift.transaction.created", "customer.voucher.loyalty_card.points_added");

    private record Template(String eventType, String body, List<String> targets) {
    }

    private final List<Template> templates = new ArrayList<>();
    private final long[] sent;
    private final String secret;
    private final int cards;
    private final String run;
    private final AtomicLong sequence = new AtomicLong();

    MixEvents(String secret, int cards, String run) {
        List<OpenApiExamples.Example> examples = OpenApiExamples.all();
        for (OpenApiExamples.Example example : examples) {
            templates.add(template(example, false));
        }
        for (String type : AUTOMATIC) {
            templates.add(template(examples.stream().filter(e -> e.eventType().equals(type)).findFirst().orElseThrow(), true));
        }
        this.sent = new long[templates.size()];
        this.secret = secret;
        this.cards = cards;
        this.run = run;
    }

    private static Template template(OpenApiExamples.Example example, boolean automatic) {
        ObjectNode data = (ObjectNode) example.data().deepCopy();
        JsonNode transaction = data.path("transaction");
        if (transaction.isObject()) {
            ((ObjectNode) transaction).put("id", "@TRANSACTION@");
            if (transaction.has("voucher_id")) {
                ((ObjectNode) transaction).put("voucher_id", "@CARD@");
            }
            if (automatic) {
                ObjectNode details = transaction.path("details").isObject() ? (ObjectNode) transaction.path("details")
                        : ((ObjectNode) transaction).putObject("details");
                ObjectNode balance = details.path("balance").isObject() ? (ObjectNode) details.path("balance") : details.putObject("balance");
                balance.put("operation_type", "AUTOMATIC");
            }
        }
        if (data.path("voucher").isObject() && data.path("voucher").has("id")) {
            ((ObjectNode) data.path("voucher")).put("id", "@CARD@");
        }
        ObjectNode envelope = Webhooks.envelope(example.eventType(), data);
        envelope.put("id", "@DELIVERY@");
        ((ObjectNode) envelope.path("event")).put("id", "@EVENT@");
        return new Template(example.eventType(), Webhooks.write(envelope), targets(example, automatic));
    }

    /** The shipped rules, in their order, for this example (checked by the benchmark's drain: every target must reach its count). */
    private static List<String> targets(OpenApiExamples.Example example, boolean automatic) {
        boolean balance = EventTypes.dataClass(example.eventType()) != GenericEventData.class;
        JsonNode transaction = example.data().path("transaction");
        if (balance && !automatic && example.eventType().contains(".gift.") && transaction.path("reason").asText("").toLowerCase().contains("refund")
                && transaction.path("details").path("balance").path("operation_type").asText("").equals("MANUAL")) {
            return List.of("finance-email", "ledger");
        }
        if (automatic) {
            return List.of("automatic-topic", "ledger");
        }
        return balance ? List.of("ledger") : List.of("events-queue");
    }

    @Override
    public LoadDriver.Request get() {
        long n = sequence.getAndIncrement();
        int index = (int) (n % templates.size());
        Template template = templates.get(index);
        synchronized (sent) {
            sent[index]++;
        }
        String id = run + n;
        String body = template.body().replace("@DELIVERY@", "whs_" + id).replace("@EVENT@", "evmix_" + id)
                .replace("@TRANSACTION@", "vtx_" + id).replace("@CARD@", "v_card_" + (n % cards));
        return new LoadDriver.Request(body, SignatureVerifier.sign(body.getBytes(StandardCharsets.UTF_8), secret));
    }

    @Override
    public Map<String, Long> expectedDeliveries() {
        Map<String, Long> expected = new TreeMap<>();
        synchronized (sent) {
            for (int i = 0; i < templates.size(); i++) {
                for (String target : templates.get(i).targets()) {
                    expected.merge(target, sent[i], Long::sum);
                }
            }
        }
        return expected;
    }

    /** Per cycle: how many events go to each set of targets, for the report. */
    String composition() {
        Map<String, Integer> shares = new TreeMap<>();
        templates.forEach(t -> shares.merge(String.join("+", t.targets()), 1, Integer::sum));
        return templates.size() + " events per cycle: " + shares;
    }
}
