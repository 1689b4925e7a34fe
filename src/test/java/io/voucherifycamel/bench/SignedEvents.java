package io.voucherifycamel.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.voucherifycamel.signature.SignatureVerifier;
import io.voucherifycamel.support.Webhooks;

/**
 * Unique signed copies of the seed event (src/tools/seed-event.json, a manual refund): each with its
 * own event, delivery and transaction id, spread over a number of cards, as Voucherify would send them.
 */
final class SignedEvents implements Workload {

    private final String template;
    private final String secret;
    private final int cards;
    private final String run;
    private final AtomicLong sequence = new AtomicLong();

    SignedEvents(String secret, int cards, String run) {
        ObjectNode seed = Webhooks.read(Path.of("src/tools/seed-event.json"));
        seed.put("id", "@DELIVERY@");
        ((ObjectNode) seed.path("event")).put("id", "@EVENT@");
        ((ObjectNode) seed.path("data").path("transaction")).put("id", "@TRANSACTION@");
        ((ObjectNode) seed.path("data").path("voucher")).put("id", "@CARD@");
        this.template = Webhooks.write(seed); // compact: signed as it is
        this.secret = secret;
        this.cards = cards;
        this.run = run;
    }

    @Override
    public LoadDriver.Request get() {
        long n = sequence.incrementAndGet();
        String id = run + n;
        String body = template.replace("@DELIVERY@", "whs_" + id).replace("@EVENT@", "evcus_" + id)
                .replace("@TRANSACTION@", "vtx_" + id).replace("@CARD@", "v_card_" + (n % cards));
        return new LoadDriver.Request(body, SignatureVerifier.sign(body.getBytes(StandardCharsets.UTF_8), secret));
    }

    /** Every seed event is a manual gift refund: a mail to finance and a ledger row (routes/dispatch.camel.yaml, rule 1). */
    @Override
    public Map<String, Long> expectedDeliveries() {
        return Map.of("finance-email", sequence.get(), "ledger", sequence.get());
    }

    static String readRss(long pid, String field) {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith(field + ":")) {
                    return line.substring(field.length() + 1).trim();
                }
            }
            return "?";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
