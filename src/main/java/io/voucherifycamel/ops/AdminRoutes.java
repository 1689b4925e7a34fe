package io.voucherifycamel.ops;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestBindingMode;
import org.apache.camel.model.rest.RestParamType;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.voucherifycamel.history.EventLookup;
import io.voucherifycamel.history.HistoryRequestException;
import io.voucherifycamel.history.Replays;
import io.voucherifycamel.intake.Quarantine;
import io.voucherifycamel.request.Problem;

/**
 * The admin API under {@code /admin}, one REST DSL block whose OpenAPI document is served at
 * {@code /admin/openapi.json}: event lookup and replay, replay jobs, dead letters and quarantine.
 * HTTP basic authentication with the {@code voucherify-admin} role is enforced by Quarkus before
 * these routes run (application.properties, {@link AdminUsers}), and before that a state-changing
 * request from another origin is refused ({@link AdminOriginCheck}). Every operation is one method of
 * the bean that does it; this class only maps paths and parameters to them and answers JSON.
 */
@ApplicationScoped
public class AdminRoutes extends RouteBuilder {

    static final String JSON = "application/json";
    private static final Problem UNAVAILABLE = Problem.of(503, "admin-unavailable", "Admin request failed",
            "the broker or the database could not be reached; see the log");

    private final ObjectMapper json;
    private final Overview overview;
    private final EventLookup events;
    private final Replays replays;
    private final DeadLetters deadLetters;
    private final Quarantine quarantine;
    private final QuarantineReplay quarantineReplay;

    AdminRoutes(ObjectMapper json, Overview overview, EventLookup events, Replays replays, DeadLetters deadLetters,
            Quarantine quarantine, QuarantineReplay quarantineReplay) {
        this.json = json;
        this.overview = overview;
        this.events = events;
        this.replays = replays;
        this.deadLetters = deadLetters;
        this.quarantine = quarantine;
        this.quarantineReplay = quarantineReplay;
    }

    @Override
    public void configure() {
        onException(HistoryRequestException.class)
                .handled(true)
                .process(exchange -> {
                    HistoryRequestException failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, HistoryRequestException.class);
                    answerProblem(exchange, Problem.of(failure.status(), failure.status() == 404 ? "not-found" : "bad-request",
                            failure.status() == 404 ? "Not found" : "Bad request", failure.getMessage()));
                });
        onException(Exception.class)
                .handled(true)
                .log(LoggingLevel.ERROR, "Admin request failed: ${exception.class.simpleName}: ${exception.message}")
                .process(exchange -> answerProblem(exchange, UNAVAILABLE));

        restConfiguration()
                .component("platform-http")
                .bindingMode(RestBindingMode.off) // bodies are written by direct:admin-json, read by Jackson below
                .apiContextPath("/admin/openapi.json")
                .apiContextRouteId("admin-openapi")
                .apiProperty("api.title", "voucherify-camel admin API")
                .apiProperty("api.description", "Event lookup and replay, dead letters and quarantine. HTTP basic authentication,"
                        + " role voucherify-admin. A POST that a browser sends for another origin's page is refused with 403"
                        + " (problem type cross-origin-request).")
                .apiProperty("api.version", "1");

        rest("/admin").description("Operations").produces(JSON)
                .get("/overview").id("admin-overview").description("The routes' hash and each queue's backlog (as last sampled)")
                    .to("direct:admin-overview")
                .get("/events").id("admin-events").description("Accepted events, newest first: all, or by event id, transaction id or card")
                    .param().name("event_id").type(RestParamType.query).required(false).description("Voucherify's event.id").endParam()
                    .param().name("transaction_id").type(RestParamType.query).required(false).description("data.transaction.id").endParam()
                    .param().name("card").type(RestParamType.query).required(false).description("The voucher's id or code").endParam()
                    .param().name("limit").type(RestParamType.query).required(false).description("1 to 500, default 50").endParam()
                    .to("direct:admin-events")
                .get("/events/{id}").id("admin-event").description("One accepted event, its outcomes and its body as it arrived")
                    .to("direct:admin-event")
                .post("/events/{id}/replay").id("admin-event-replay")
                    .description("Replays one accepted event through the current routes")
                    .param().name("target").type(RestParamType.query).required(false)
                        .description("Deliver to this target only (if the rules choose it)").endParam()
                    .param().name("redeliver").type(RestParamType.query).required(false)
                        .description("true: deliver again to targets that already have it").endParam()
                    .to("direct:admin-event-replay")
                .post("/replays").id("admin-replay-start").consumes(JSON)
                    .description("Starts a background replay of the events received in [from, to): {\"from\", \"to\", \"event_type\","
                            + " \"target\", \"redeliver\"}")
                    .to("direct:admin-replay-start")
                .get("/replays").id("admin-replays").description("The last 50 replay jobs").to("direct:admin-replays")
                .get("/replays/{id}").id("admin-replay").description("A replay job's progress").to("direct:admin-replay")
                .get("/dead-letters").id("admin-dead-letters").description("Messages parked in the dead-letter queue, with their reason")
                    .to("direct:admin-dead-letters")
                .post("/dead-letters/replay").id("admin-dead-letters-replay-all").description("Moves every dead letter back to its queue")
                    .to("direct:admin-dead-letters-replay-all")
                .post("/dead-letters/{id}/replay").id("admin-dead-letter-replay").description("Moves one dead letter back to its queue")
                    .to("direct:admin-dead-letter-replay")
                .get("/quarantine").id("admin-quarantine").description("Authentic bodies that could not be processed, with the reason")
                    .to("direct:admin-quarantine")
                .post("/quarantine/replay").id("admin-quarantine-replay-all").description("Reads every quarantined body again")
                    .to("direct:admin-quarantine-replay-all")
                .post("/quarantine/{id}/replay").id("admin-quarantine-replay").description("Reads one quarantined body again")
                    .to("direct:admin-quarantine-replay");

        // path and query parameters arrive as headers of their name
        operation("admin-overview", request -> overview.read());
        operation("admin-events", request -> events.find(parameter(request, "event_id"), parameter(request, "transaction_id"),
                parameter(request, "card"), parameter(request, "limit")));
        operation("admin-event", request -> events.get(parameter(request, "id")));
        operation("admin-event-replay", request -> replays.replayOne(parameter(request, "id"), parameter(request, "target"),
                parameter(request, "redeliver")));
        from("direct:admin-replay-start")
                .unmarshal().json(Map.class)
                .process(answer(request -> replays.start(jsonObject(request))))
                .to("direct:admin-json")
                .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(202));
        operation("admin-replays", request -> replays.jobs());
        operation("admin-replay", request -> replays.job(parameter(request, "id")));
        operation("admin-dead-letters", request -> deadLetters.list());
        // all of them: null, whatever id the request carries
        operation("admin-dead-letters-replay-all", request -> deadLetters.replay(null));
        operation("admin-dead-letter-replay", request -> deadLetters.replay(parameter(request, "id")));
        operation("admin-quarantine", request -> quarantine.list());
        operation("admin-quarantine-replay-all", request -> quarantineReplay.replay(null));
        operation("admin-quarantine-replay", request -> quarantineReplay.replay(parameter(request, "id")));

        from("direct:admin-json")
                .routeId("admin-json")
                .process(exchange -> exchange.getMessage().setBody(json.writeValueAsBytes(exchange.getMessage().getBody())))
                .removeHeaders("*")
                .setHeader(Exchange.CONTENT_TYPE, constant(JSON))
                .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(200));
    }

    /** What one REST operation answers, from its request; written as JSON. */
    @FunctionalInterface
    private interface Operation {
        Object answer(Message request) throws Exception;
    }

    /** The route behind one REST operation. */
    private void operation(String id, Operation operation) {
        from("direct:" + id).process(answer(operation)).to("direct:admin-json");
    }

    private static Processor answer(Operation operation) {
        return exchange -> exchange.getMessage().setBody(operation.answer(exchange.getMessage()));
    }

    private static String parameter(Message request, String name) {
        return request.getHeader(name, String.class);
    }

    @SuppressWarnings("unchecked") // unmarshalled from a JSON object: its keys are strings
    private static Map<String, Object> jsonObject(Message request) {
        return request.getBody(Map.class);
    }

    private void answerProblem(Exchange exchange, Problem problem) {
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, problem.status());
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, Problem.MEDIA_TYPE);
        exchange.getMessage().setBody(problem.json());
    }
}
