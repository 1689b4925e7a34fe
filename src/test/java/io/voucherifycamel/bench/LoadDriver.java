package io.voucherifycamel.bench;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;

/**
 * A closed-loop HTTP load: N connections, each sending its next request as soon as the previous
 * answer arrived, for a fixed time; records every answer's latency and status.
 */
final class LoadDriver {

    /** One request: its body and the headers that go with it. */
    record Request(String body, String signature) {
    }

    /** What a run measured. */
    record Result(long answered, long accepted, long failed, double seconds, long[] latenciesNanos) {

        double perSecond() {
            return answered / seconds;
        }

        double percentileMillis(double percentile) {
            if (latenciesNanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.min(latenciesNanos.length - 1, Math.ceil(percentile / 100.0 * latenciesNanos.length) - 1);
            return latenciesNanos[Math.max(0, index)] / 1e6;
        }
    }

    private LoadDriver() {
    }

    static Result run(Vertx vertx, int port, String path, int connections, double seconds, Supplier<Request> requests)
            throws InterruptedException {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)
                .setKeepAlive(true), new PoolOptions().setHttp1MaxSize(connections));
        long[] latencies = new long[4_000_000];
        AtomicInteger recorded = new AtomicInteger();
        AtomicLong accepted = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        CountDownLatch done = new CountDownLatch(connections);
        long start = System.nanoTime();
        for (int i = 0; i < connections; i++) {
            next(client, path, requests, end, latencies, recorded, accepted, failed, done);
        }
        done.await(Math.round(seconds) + 60, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        client.close();
        int count = Math.min(recorded.get(), latencies.length);
        long[] measured = Arrays.copyOf(latencies, count);
        Arrays.sort(measured);
        return new Result(count + failed.get(), accepted.get(), failed.get(), elapsed, measured);
    }

    private static void next(HttpClient client, String path, Supplier<Request> requests, long end, long[] latencies,
            AtomicInteger recorded, AtomicLong accepted, AtomicLong failed, CountDownLatch done) {
        if (System.nanoTime() >= end) {
            done.countDown();
            return;
        }
        Request request = requests.get();
        long sent = System.nanoTime();
        client.request(HttpMethod.POST, path)
                .compose(http -> http.putHeader("Content-Type", "application/json")
                        .putHeader("x-voucherify-signature", request.signature())
                        .send(Buffer.buffer(request.body()))
                        .compose(response -> response.body().map(body -> response.statusCode())))
                .onComplete(answer -> {
                    if (answer.succeeded()) {
                        int slot = recorded.getAndIncrement();
                        if (slot < latencies.length) {
                            latencies[slot] = System.nanoTime() - sent;
                        }
                        if (answer.result() / 100 == 2) {
                            accepted.incrementAndGet();
                        }
                    } else {
                        failed.incrementAndGet();
                    }
                    next(client, path, requests, end, latencies, recorded, accepted, failed, done);
                });
    }
}
