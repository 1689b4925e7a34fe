package io.voucherifycamel.support;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.awaitility.Awaitility;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The product's log records during each test, with their logging context (MDC) as it was when they
 * were written: register with {@code @RegisterExtension}.
 */
public final class LogCapture extends Handler implements BeforeEachCallback, AfterEachCallback {

    private static final String CATEGORY = "io.voucherifycamel";

    private final List<ExtLogRecord> records = new CopyOnWriteArrayList<>();

    @Override
    public void beforeEach(ExtensionContext context) {
        records.clear();
        Logger.getLogger(CATEGORY).addHandler(this);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Logger.getLogger(CATEGORY).removeHandler(this);
    }

    /** The first record that matches, waiting for it at most {@code wait}. */
    public ExtLogRecord await(Predicate<ExtLogRecord> which, Duration wait) {
        return Awaitility.await().atMost(wait).until(() -> records.stream().filter(which).findFirst().orElse(null), found -> found != null);
    }

    @Override
    public void publish(LogRecord record) {
        if (record instanceof ExtLogRecord ext) {
            ext.copyMdc(); // the context is the writing thread's: keep it as it was
            records.add(ext);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
