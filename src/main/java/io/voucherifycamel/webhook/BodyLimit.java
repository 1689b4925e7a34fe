package io.voucherifycamel.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.voucherifycamel.request.Problem;
import io.voucherifycamel.request.WebhookRequestCheck;

/**
 * Answers 413 from the Content-Length header, before a byte of an oversized body is buffered.
 * Bodies without Content-Length are capped by {@code quarkus.http.limits.max-body-size} (set to the
 * same limit) and by {@link RequestGate}.
 */
@ApplicationScoped
public class BodyLimit {

    void register(@Observes Filters filters, WebhookConfig config) {
        String path = config.path();
        long limit = config.maxBodySize().asLongValue();
        byte[] answer = problem(limit).json();
        filters.register(ctx -> check(ctx, path, limit, answer), 100);
    }

    static Problem problem(long limit) {
        return WebhookRequestCheck.tooLarge(limit, RequestCheckProducer.MAX_BODY_SIZE_SETTING);
    }

    private static void check(RoutingContext ctx, String path, long limit, byte[] answer) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (path.equals(ctx.normalizedPath()) && WebhookRequestCheck.declaredLengthExceeds(length, limit)) {
            ctx.response().setStatusCode(413)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(io.vertx.core.buffer.Buffer.buffer(answer));
            return;
        }
        ctx.next();
    }
}
