package io.voucherifycamel.bench;

import java.util.Map;
import java.util.function.Supplier;

/** What the benchmark sends: unique signed events, and what the shipped rules deliver for them. */
interface Workload extends Supplier<LoadDriver.Request> {

    /** The deliveries each target owes for the events handed out so far, by target name. */
    Map<String, Long> expectedDeliveries();

    /** {@code -Dbench.workload}: {@code seed} (default) or {@code mix}. */
    static Workload of(String name, String secret, int cards, String run) {
        return switch (name) {
        case "seed" -> new SignedEvents(secret, cards, run);
        case "mix" -> new MixEvents(secret, cards, run);
        default -> throw new IllegalArgumentException("bench.workload is seed or mix, not " + name);
        };
    }
}
