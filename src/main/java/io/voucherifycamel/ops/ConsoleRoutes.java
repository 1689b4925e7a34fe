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
        byte[] page = read("console/index.html");
        // one route for /admin and /admin/ (the HTTP router matches both): the page's relative links
        // need the trailing slash, so /admin sends the browser there
        from("platform-http:/admin?httpMethodRestrict=GET")
                .routeId("console-page")
                .choice()
                    .when(header(Exchange.HTTP_URI).endsWith("/"))
                        .process(exchange -> answer(exchange, page, "text/html; charset=utf-8"))
                    .otherwise()
                        .removeHeaders("*")
                        .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(302))
                        .setHeader("Location", constant("/admin/"))
                        .setBody(constant(""))
                .end();
        file("console-script", "/admin/console.js", "console.js", "text/javascript; charset=utf-8");
        file("console-style", "/admin/console.css", "console.css", "text/css; charset=utf-8");
    }

    private void file(String routeId, String path, String name, String contentType) {
        byte[] content = read("console/" + name);
        from("platform-http:" + path + "?httpMethodRestrict=GET")
                .routeId(routeId)
                .process(exchange -> answer(exchange, content, contentType));
    }

    private static void answer(Exchange exchange, byte[] content, String contentType) {
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, contentType);
        exchange.getMessage().setHeader("Cache-Control", "no-store");
        exchange.getMessage().setBody(content);
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
