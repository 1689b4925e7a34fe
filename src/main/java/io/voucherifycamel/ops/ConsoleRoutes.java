package io.voucherifycamel.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * The operations console's three files, served at {@code /admin/} behind the admin credentials (the
 * page reads the admin API, {@link AdminRoutes}). Served by routes rather than as Quarkus static
 * resources: a static-resource handler answers GET on every path, which would turn the 405 of other
 * endpoints (the Kamelet's webhook path) into 404.
 */
@ApplicationScoped
public class ConsoleRoutes extends RouteBuilder {

    @Override
    public void configure() {
        file("console-page", "/admin/", "index.html", "text/html; charset=utf-8");
        file("console-script", "/admin/console.js", "console.js", "text/javascript; charset=utf-8");
        file("console-style", "/admin/console.css", "console.css", "text/css; charset=utf-8");
    }

    private void file(String routeId, String path, String name, String contentType) {
        byte[] content = read("console/" + name);
        from("platform-http:" + path + "?httpMethodRestrict=GET")
                .routeId(routeId)
                .removeHeaders("*")
                .setHeader(Exchange.CONTENT_TYPE, constant(contentType))
                .setHeader("Cache-Control", constant("no-store"))
                .setBody(constant(content));
    }

    private static byte[] read(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
