package io.voucherifycamel.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * A plain {@link DefaultCamelContext} with camel-platform-http-main's Vert.x server on a free random
 * loopback port, and an HTTP client to post to it: the component's endpoint tested over real HTTP.
 */
public final class HttpCamel implements AutoCloseable {

    /** The loopback address the server binds to, never every interface of a shared machine. */
    public static final String HOST = "127.0.0.1";

    private final CamelContext camel = new DefaultCamelContext();
    private final HttpClient client = HttpClient.newHttpClient();
    private final int port = freePort();

    public HttpCamel() {
        MainHttpServer server = new MainHttpServer();
        server.setCamelContext(camel);
        server.setHost(HOST);
        server.setPort(port);
        try {
            camel.addService(server);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public CamelContext camel() {
        return camel;
    }

    public int port() {
        return port;
    }

    /** POSTs {@code body} as JSON to {@code path}, with the signature header unless it is null. */
    public HttpResponse<String> post(String path, byte[] body, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header("x-voucherify-signature", signature);
        }
        return send(request.build());
    }

    public HttpResponse<String> post(String path, String body, String signature) {
        return post(path, body.getBytes(StandardCharsets.UTF_8), signature);
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public URI uri(String path) {
        return URI.create("http://" + HOST + ":" + port + "/" + path);
    }

    @Override
    public void close() {
        camel.stop();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
