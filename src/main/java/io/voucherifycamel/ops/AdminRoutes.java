package io.voucherifycamel.ops;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.voucherifycamel.webhook.Problem;

/**
 * The admin API under {@code /admin}: list and replay dead-lettered and quarantined events. HTTP
 * basic authentication with the {@code voucherify-admin} role is enforced by Quarkus before these
 * routes run (application.properties, {@link AdminUsers}).
 */
@ApplicationScoped
public class AdminRoutes extends RouteBuilder {

    private static final Problem UNAVAILABLE = Problem.of(503, "admin-unavailable", "Admin request failed",
            "the broker or the database could not be reached; see the log");

    private final ObjectMapper json;

    AdminRoutes(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void configure() {
        onException(Exception.class)
                .handled(true)
                .log(LoggingLevel.ERROR, "Admin request failed: ${exception.class.simpleName}: ${exception.message}")
                .removeHeaders("*")
                .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(UNAVAILABLE.status()))
                .setHeader(Exchange.CONTENT_TYPE, constant(Problem.MEDIA_TYPE))
                .setBody(constant(UNAVAILABLE.json(json)));

        from("platform-http:/admin/dead-letters?httpMethodRestrict=GET")
                .routeId("admin-dead-letters")
                .bean("deadLetters", "list")
                .to("direct:admin-json");
        from("platform-http:/admin/dead-letters/replay?httpMethodRestrict=POST")
                .routeId("admin-dead-letters-replay-all")
                .removeHeader("id")
                .bean("deadLetters", "replay")
                .to("direct:admin-json");
        from("platform-http:/admin/dead-letters/{id}/replay?httpMethodRestrict=POST")
                .routeId("admin-dead-letter-replay")
                .bean("deadLetters", "replay")
                .to("direct:admin-json");
        from("platform-http:/admin/quarantine?httpMethodRestrict=GET")
                .routeId("admin-quarantine")
                .bean("quarantine", "list")
                .to("direct:admin-json");
        from("platform-http:/admin/quarantine/replay?httpMethodRestrict=POST")
                .routeId("admin-quarantine-replay-all")
                .removeHeader("id")
                .bean("quarantineReplay", "replay")
                .to("direct:admin-json");
        from("platform-http:/admin/quarantine/{id}/replay?httpMethodRestrict=POST")
                .routeId("admin-quarantine-replay")
                .bean("quarantineReplay", "replay")
                .to("direct:admin-json");

        from("direct:admin-json")
                .routeId("admin-json")
                .process(exchange -> exchange.getMessage().setBody(json.writeValueAsBytes(exchange.getMessage().getBody())))
                .removeHeaders("*")
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(200));
    }
}
