import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sends a Voucherify webhook, signed as Voucherify signs it, to a running voucherify-camel and prints
 * the answer. With --repeat N it sends N copies, each with fresh event and transaction ids, and prints
 * the acknowledgement latency. Runs with the JDK alone: java src/tools/SendEvent.java [options] [file]
 *
 *   --url URL        default http://localhost:8080/webhooks/voucherify
 *   --secret SECRET  default $VOUCHERIFY_WEBHOOK_SECRET, else the dev profile's voucherify-dev-secret
 *   --repeat N       send N times with fresh ids and print latency percentiles (default: once, as is)
 *   --warmup N       unmeasured sends before a --repeat run (default 200)
 *   file             default src/tools/seed-event.json
 */
public class SendEvent {

    public static void main(String[] args) throws Exception {
        String url = "http://localhost:8080/webhooks/voucherify";
        String secret = System.getenv().getOrDefault("VOUCHERIFY_WEBHOOK_SECRET", "voucherify-dev-secret");
        int repeat = 0;
        int warmup = 200;
        Path file = Path.of("src/tools/seed-event.json");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> url = args[++i];
                case "--secret" -> secret = args[++i];
                case "--repeat" -> repeat = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                default -> file = Path.of(args[i]);
            }
        }
        String body = Files.readString(file);
        HttpClient client = HttpClient.newHttpClient();
        if (repeat == 0) {
            long start = System.nanoTime();
            HttpResponse<String> response = send(client, url, secret, body);
            double ms = (System.nanoTime() - start) / 1e6;
            System.out.printf("HTTP %d in %.1f ms%n%s%n", response.statusCode(), ms, response.body());
            return;
        }
        for (int i = 0; i < warmup; i++) {
            send(client, url, secret, fresh(body));
        }
        double[] latencies = new double[repeat];
        int accepted = 0;
        long begin = System.nanoTime();
        for (int i = 0; i < repeat; i++) {
            String copy = fresh(body);
            long start = System.nanoTime();
            HttpResponse<String> response = send(client, url, secret, copy);
            latencies[i] = (System.nanoTime() - start) / 1e6;
            if (response.statusCode() == 202) {
                accepted++;
            }
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        Arrays.sort(latencies);
        System.out.printf("%d sent one at a time, %d answered 202, %.0f req/s%n", repeat, accepted, repeat / seconds);
        System.out.printf("ack latency ms: p50 %.2f  p90 %.2f  p99 %.2f  max %.2f%n",
                at(latencies, 0.50), at(latencies, 0.90), at(latencies, 0.99), latencies[repeat - 1]);
    }

    static HttpResponse<String> send(HttpClient client, String url, String secret, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .header("x-voucherify-signature", sign(body, secret))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Voucherify's signature: HMAC-SHA256 over the JSON with whitespace outside strings removed, lowercase hex. */
    static String sign(String body, String secret) throws Exception {
        StringBuilder compact = new StringBuilder(body.length());
        boolean inString = false;
        boolean escaped = false;
        for (char c : body.toCharArray()) {
            if (inString) {
                compact.append(c);
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (" \t\n\r\f\u000B".indexOf(c) < 0) {
                compact.append(c);
                inString = c == '"';
            }
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(compact.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** The same event with new event and transaction ids, so it is not taken for a duplicate. */
    static String fresh(String body) {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        return body.replaceAll("\"(ev[a-z]*_[A-Za-z0-9]+)\"", "\"$1" + suffix + "\"")
                .replaceAll("\"(vtx_[A-Za-z0-9]+)\"", "\"$1" + suffix + "\"");
    }

    static double at(double[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)];
    }
}
