package io.voucherifycamel.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.voucherifycamel.event.EventReader;
import io.voucherifycamel.event.ReadResult;
import io.voucherifycamel.intake.Acknowledgement;
import io.voucherifycamel.intake.HandOff;
import io.voucherifycamel.intake.Quarantine;

/**
 * Replays quarantined bodies once their cause is fixed (a newer version reads them, a distribution
 * now sends the envelope): each goes through the same reading and exactly-once hand-off as a
 * webhook, and leaves the quarantine only when accepted (or found to be a duplicate).
 */
@ApplicationScoped
public class QuarantineReplay {

    private final Quarantine quarantine;
    private final EventReader reader;
    private final HandOff handOff;

    QuarantineReplay(Quarantine quarantine, EventReader reader, HandOff handOff) {
        this.quarantine = quarantine;
        this.reader = reader;
        this.handOff = handOff;
    }

    /** Replays one entry by {@code id}, or all of them when id is null. */
    public Map<String, Object> replay(String id) throws Exception {
        List<String> ids = new ArrayList<>();
        if (id != null) {
            ids.add(id);
        } else {
            quarantine.list().forEach(entry -> ids.add((String) entry.get("id")));
        }
        List<Map<String, Object>> results = new ArrayList<>();
        for (String each : ids) {
            results.add(replayOne(each));
        }
        return Map.of("results", results);
    }

    private Map<String, Object> replayOne(String id) throws Exception {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("id", id);
        Optional<byte[]> body = quarantine.body(id);
        if (body.isEmpty()) {
            result.put("status", "not-found");
            return result;
        }
        ReadResult read = reader.read(body.get());
        if (read instanceof ReadResult.Unprocessable unprocessable) {
            result.put("status", "still-unprocessable");
            result.put("reason", unprocessable.reason().code());
            result.put("detail", unprocessable.detail());
            return result;
        }
        Acknowledgement ack = handOff.accept((ReadResult.Readable) read, null); // through the inbox: the rules run after the answer
        quarantine.release(id);
        result.put("status", ack.body().get("status"));
        result.put("event_id", ack.body().get("event_id"));
        return result;
    }
}
