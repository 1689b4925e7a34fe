package io.voucherifycamel.examples;

import org.apache.camel.builder.RouteBuilder;

import io.voucherifycamel.headers.VoucherifyHeaders;

/**
 * The Java DSL example of docs/use-in-your-integration.md, the same route as
 * docs/examples/voucherify-webhook.camel.yaml: Voucherify's webhooks received by
 * {@code voucherify:webhook} and routed on the headers it sets.
 */
public class GiftCardEventsRoute extends RouteBuilder {

    @Override
    public void configure() {
        from("voucherify:webhook?path=webhooks/voucherify&secrets=RAW({{voucherify.secrets}})")
                .routeId("voucherify-events")
                .choice()
                    // an authentic body that is not a readable event: the raw bytes, with the reason
                    .when(header(VoucherifyHeaders.UNPROCESSABLE).isNotNull())
                        .to("{{voucherify.unprocessable:log:voucherify-unprocessable}}")
                    .when(header(VoucherifyHeaders.FAMILY).isEqualTo("gift"))
                        .log("Card ${header.VoucherifyVoucherCode}: ${header.VoucherifyAmount} (${header.VoucherifyReason})")
                        .marshal().custom("voucherify")
                        .to("{{voucherify.gift:log:voucherify-gift}}")
                    .otherwise()
                        .marshal().custom("voucherify")
                        .to("{{voucherify.other:log:voucherify-other}}")
                .end();
    }
}
