package io.voucherifycamel.support;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A real headless Chromium (Debian's {@code chromium}), driven over the DevTools protocol with the JDK's
 * WebSocket: enough to open a page as a user would, answer its HTTP basic challenge, read what it shows,
 * click, and take a screenshot. No Playwright: its browsers cannot be downloaded here, and Chromium's own
 * protocol needs nothing but a WebSocket.
 */
public final class Chromium implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    /** One page's challenges answered with credentials at most this often: wrong ones would be asked for forever. */
    private static final int MAX_CREDENTIAL_ANSWERS = 20;
    private static final int WINDOW_WIDTH = 1280;
    private static final int WINDOW_HEIGHT = 1000;

    private final ObjectMapper json = new ObjectMapper();
    private final Process process;
    private final Path profile;
    private final Object sending = new Object();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final Map<String, Page> pages = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    // events are handled off the WebSocket's thread, in order, so that answering one may send a command
    private final ExecutorService events = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "chromium-events");
        thread.setDaemon(true);
        return thread;
    });
    private final WebSocket socket;

    private Chromium(Process process, Path profile, URI endpoint) {
        this.process = process;
        this.profile = profile;
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(endpoint, new Listener()).join();
    }

    /**
     * Starts headless Chromium: {@code -Dchromium=<path>} or {@code chromium} on the PATH. Fails (does not
     * skip) when there is none: the console is only tested in a real browser.
     */
    public static Chromium start() {
        String executable = executable();
        Path profile;
        try {
            profile = Files.createTempDirectory("chromium-profile");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start
        List<String> command = List.of(executable, "--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
                "--no-first-run", "--no-default-browser-check", "--remote-debugging-port=0",
                "--user-data-dir=" + profile, "about:blank");
        Process process;
        try {
            process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IllegalStateException("Chromium (" + executable + ") did not start: " + e.getMessage(), e);
        }
        List<String> lines = new ArrayList<>();
        CompletableFuture<URI> endpoint = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line = err.readLine(); line != null; line = err.readLine()) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                    Matcher matcher = LISTENING.matcher(line);
                    if (matcher.find()) {
                        endpoint.complete(URI.create(matcher.group(1)));
                    }
                }
            } catch (IOException e) {
                // the process is gone
            }
            endpoint.completeExceptionally(new IllegalStateException("Chromium exited before it listened"));
        }, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        try {
            return new Chromium(process, profile, endpoint.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        } catch (Exception e) {
            process.destroyForcibly();
            String output;
            synchronized (lines) {
                output = String.join("\n", lines);
            }
            throw new IllegalStateException("Chromium (" + executable + ") gave no DevTools endpoint within " + START_TIMEOUT
                    + ": " + e + "\nits stderr:\n" + output, e);
        }
    }

    private static String executable() {
        String configured = System.getProperty("chromium");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(File.pathSeparator)).map(dir -> Path.of(dir, "chromium"))
                .filter(Files::isExecutable).findFirst().map(Path::toString)
                .orElseThrow(() -> new IllegalStateException("No Chromium found: the operations console is tested in a real "
                        + "headless browser. Install Debian's package (apt-get install chromium; .ci/run does) "
                        + "or give its path with -Dchromium=/path/to/chromium."));
    }

    /**
     * A new tab in a browser context of its own (no cookies or cached credentials shared with other pages),
     * which answers every HTTP basic challenge with these credentials, as a user typing them would.
     */
    public Page newPage(String username, String password) {
        String context = command(null, "Target.createBrowserContext", Map.of()).path("browserContextId").asText();
        String target = command(null, "Target.createTarget", Map.of("url", "about:blank", "browserContextId", context))
                .path("targetId").asText();
        String session = command(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true))
                .path("sessionId").asText();
        Page page = new Page(session, username, password);
        pages.put(session, page);
        command(session, "Fetch.enable", Map.of("handleAuthRequests", true, "patterns", List.of(Map.of("urlPattern", "*"))));
        command(session, "Page.enable", Map.of());
        command(session, "Runtime.enable", Map.of());
        command(session, "Network.enable", Map.of());
        command(session, "Emulation.setDeviceMetricsOverride",
                Map.of("width", WINDOW_WIDTH, "height", WINDOW_HEIGHT, "deviceScaleFactor", 1, "mobile", false));
        return page;
    }

    /** One tab. */
    public final class Page {

        private final String session;
        private final String username;
        private final String password;
        private final Set<String> answered = ConcurrentHashMap.newKeySet();
        private final AtomicInteger credentialAnswers = new AtomicInteger();
        private volatile int documentStatus;

        private Page(String session, String username, String password) {
            this.session = session;
            this.username = username;
            this.password = password;
        }

        /**
         * Opens the address; returns null when a document was shown, or the browser's error (an error
         * status with an empty body, e.g. a refused 401, is {@code net::ERR_HTTP_RESPONSE_CODE_FAILURE}).
         */
        public String navigate(String url) {
            JsonNode result = command(session, "Page.navigate", Map.of("url", url));
            return result.hasNonNull("errorText") ? result.path("errorText").asText() : null;
        }

        /** Evaluates a JavaScript expression in the page (promises awaited) and returns its value as JSON. */
        public JsonNode evaluate(String expression) {
            JsonNode result = command(session, "Runtime.evaluate",
                    Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
            if (result.has("exceptionDetails")) {
                throw new IllegalStateException("page script failed: " + result.path("exceptionDetails"));
            }
            return result.path("result").path("value");
        }

        /** The text the page shows, as a user reads it. */
        public String text() {
            return evaluate("document.body ? document.body.innerText : ''").asText();
        }

        /** The text of the element with this id, or "" while it does not exist. */
        public String text(String elementId) {
            return evaluate("(e => e ? e.innerText : '')(document.getElementById(" + quote(elementId) + "))").asText();
        }

        /** Waits until the page's text passes the check; fails with what the page showed last. */
        public String waitForText(String what, Predicate<String> check, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            String text = "";
            while (System.nanoTime() < deadline) {
                try {
                    text = text();
                } catch (IllegalStateException e) {
                    text = ""; // between two documents during a navigation
                }
                if (check.test(text)) {
                    return text;
                }
                sleep(200);
            }
            throw new AssertionError("the page did not show " + what + " within " + timeout + "; it showed:\n" + text);
        }

        /** The HTTP status of the last document the tab received (0: none yet), error pages included. */
        public int status() {
            return documentStatus;
        }

        public void screenshot(Path file) {
            // as tall as the page's content (within the window), not a window of blank space under it
            int height = Math.max(1, Math.min(WINDOW_HEIGHT, evaluate("Math.ceil(document.body.getBoundingClientRect().bottom) + 24").asInt()));
            Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", WINDOW_WIDTH, "height", height, "scale", 1);
            String data = command(session, "Page.captureScreenshot", Map.of("format", "png", "clip", clip)).path("data").asText();
            try {
                if (file.getParent() != null) {
                    Files.createDirectories(file.getParent());
                }
                Files.write(file, Base64.getDecoder().decode(data));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** How often this page's challenges were answered with its credentials. */
        public int credentialAnswers() {
            return credentialAnswers.get();
        }

        private void onEvent(String method, JsonNode params) {
            String requestId = params.path("requestId").asText();
            if ("Network.responseReceived".equals(method) && "Document".equals(params.path("type").asText())) {
                documentStatus = params.path("response").path("status").asInt();
            } else if ("Fetch.requestPaused".equals(method)) {
                send(session, "Fetch.continueRequest", Map.of("requestId", requestId));
            } else if ("Fetch.authRequired".equals(method)) {
                // credentials once per request; asked again, they were wrong: cancel, and the page shows the 401
                boolean first = answered.add(requestId) && credentialAnswers.incrementAndGet() <= MAX_CREDENTIAL_ANSWERS;
                Map<String, Object> answer = first
                        ? Map.of("response", "ProvideCredentials", "username", username, "password", password)
                        : Map.of("response", "CancelAuth");
                send(session, "Fetch.continueWithAuth", Map.of("requestId", requestId, "authChallengeResponse", answer));
            }
        }
    }

    private JsonNode command(String session, String method, Map<String, Object> params) {
        try {
            return send(session, method, params).get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(method + " failed: " + e.getMessage(), e);
        }
    }

    private CompletableFuture<JsonNode> send(String session, String method, Map<String, Object> params) {
        int id = ids.incrementAndGet();
        ObjectNode message = json.createObjectNode();
        message.put("id", id);
        message.put("method", method);
        message.set("params", json.valueToTree(params));
        if (session != null) {
            message.put("sessionId", session);
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        // the WebSocket takes one message at a time
        synchronized (sending) {
            socket.sendText(message.toString(), true).join();
        }
        return answer;
    }

    private void receive(String text) {
        JsonNode message;
        try {
            message = json.readTree(text);
        } catch (IOException e) {
            return;
        }
        if (message.has("id")) {
            CompletableFuture<JsonNode> answer = pending.remove(message.path("id").asInt());
            if (answer != null) {
                if (message.has("error")) {
                    answer.completeExceptionally(new IllegalStateException(message.path("error").toString()));
                } else {
                    answer.complete(message.path("result"));
                }
            }
        } else {
            Page page = pages.get(message.path("sessionId").asText());
            if (page != null) {
                events.execute(() -> page.onEvent(message.path("method").asText(), message.path("params")));
            }
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                receive(text);
            }
            webSocket.request(1);
            return null;
        }
    }

    private static String quote(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            send(null, "Browser.close", Map.of()).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // it is stopped below either way
        }
        events.shutdownNow();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind
        }
    }
}
