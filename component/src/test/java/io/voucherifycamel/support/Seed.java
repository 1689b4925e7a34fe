package io.voucherifycamel.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's seed event (a real customer.voucher.gift.balance_added) and the secret of Voucherify's vectors. */
public final class Seed {

    /** Surefire runs in component/. */
    public static final Path SEED = Path.of("..", "src", "tools", "seed-event.json");
    /** The secret of Voucherify's documented vectors (docs/PROTOCOL.md §2). */
    public static final String VECTOR_SECRET = "secretKey";

    private Seed() {
    }

    /** The seed event's file, byte for byte. */
    public static byte[] bytes() {
        try {
            return Files.readAllBytes(SEED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
