package io.voucherifycamel.floor;

import org.apache.camel.builder.RouteBuilder;

/** The one route of the Camel floor: an HTTP endpoint on the same path as the product's webhook. */
public class FloorRoute extends RouteBuilder {

    @Override
    public void configure() {
        from("platform-http:/webhooks/voucherify?httpMethodRestrict=POST").routeId("floor-webhook")
                .setHeader("CamelHttpResponseCode", constant(202))
                .setBody(constant(""));
    }
}
