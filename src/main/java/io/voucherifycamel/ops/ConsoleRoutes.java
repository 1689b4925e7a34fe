package io.voucherifycamel.ops;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.builder.RouteBuilder;

/**
 * The one endpoint the operations console needs besides the admin API: {@code GET /admin/overview}.
 * Kept apart from {@link AdminRoutes} so that it can be folded into the admin API's REST block as one
 * more line. The page itself is a static resource ({@code META-INF/resources/admin/index.html}); both
 * sit behind the admin credentials (application.properties, {@code /admin/*}).
 */
@ApplicationScoped
public class ConsoleRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("platform-http:/admin/overview?httpMethodRestrict=GET")
                .routeId("admin-overview")
                .bean("overview", "read")
                .to("direct:admin-json");
    }
}
