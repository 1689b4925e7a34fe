package io.voucherifycamel.ops;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;


import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import io.voucherifycamel.request.Problem;

/**
 * Refuses a state-changing request to {@code /admin} (any method but GET and HEAD) that a browser sent
 * for another origin's page, with 403 and a problem document: the browser keeps the console's basic
 * credentials and sends them with any page's request to this host, so without this check any page an
 * operator opens could replay dead letters or mail the finance team again (cross-site request forgery).
 * <p>
 * The browser says where a request comes from. {@code Sec-Fetch-Site}, where sent (every current
 * browser), decides: {@code same-origin} and {@code none} (typed by the user) pass, {@code same-site}
 * and {@code cross-site} do not. Without it, {@code Origin} decides: it must name this server, scheme,
 * host and port as the request reached it ({@code Host}; forwarded headers only if Quarkus is told to
 * trust them, {@code quarkus.http.proxy.*}, which this application does not set); {@code null}, sent
 * for sandboxed and other opaque origins, does not. A request with neither header was not sent by a
 * browser for a page (curl, scripts, probes) and passes: it needs the password itself.
 * <p>
 * A Quarkus HTTP filter rather than what Quarkus or Camel offer: Quarkus' CORS filter
 * ({@code quarkus.http.cors.*}) refuses a foreign Origin with an empty 403, on every path including the
 * webhook, and ignores {@code Sec-Fetch-Site}; {@code quarkus-rest-csrf} protects Quarkus REST
 * resources only, with a token the console would have to carry, and the admin API is Camel REST DSL
 * on platform-http ({@link AdminRoutes}), whose CORS option only adds response headers. The filter
 * runs before Quarkus' authentication, so a refused request is refused whatever credentials it carries,
 * and before every route, so unknown paths and methods (404, 405) under {@code /admin} are covered too.
 */
@ApplicationScoped
public class AdminOriginCheck {

    /** After the CORS filter, if one is ever configured, and before authentication. */
    static final int PRIORITY = SecurityHandlerPriorities.AUTHENTICATION + 50;
    private static final String SEC_FETCH_SITE = "Sec-Fetch-Site";

    private static final Logger LOG = Logger.getLogger(AdminOriginCheck.class);
    private static final String ADMIN = "/admin";

    void register(@Observes Filters filters) {
        filters.register(AdminOriginCheck::check, PRIORITY);
    }

    private static void check(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String path = ctx.normalizedPath();
        if (HttpMethod.GET.equals(request.method()) || HttpMethod.HEAD.equals(request.method())
                || !(path.equals(ADMIN) || path.startsWith(ADMIN + "/"))) {
            ctx.next();
            return;
        }
        String refusal = refusal(request);
        if (refusal == null) {
            ctx.next();
            return;
        }
        LOG.warnf("Refused %s %s from another origin: %s", request.method(), path, refusal);
        byte[] body = Problem.of(403, "cross-origin-request", "Cross-origin request refused",
                refusal + ". The admin API changes state only for requests from its own pages (the console) or from clients"
                        + " that send no Origin, such as curl.").json();
        ctx.response().setStatusCode(403)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(Buffer.buffer(body));
    }

    /** Why the request is refused, or null when it came from this server's own origin or not from a page. */
    static String refusal(HttpServerRequest request) {
        String site = request.getHeader(SEC_FETCH_SITE);
        if (site != null) {
            // computed by the browser from the page's real origin, which no proxy in between can change
            return site.equals("same-origin") || site.equals("none") ? null
                    : "the browser sent it for a page that is not this server's (Sec-Fetch-Site " + shown(site) + ")";
        }
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin == null) {
            return null;
        }
        HostAndPort authority = request.authority();
        if (authority == null) {
            return "it names no Host to compare its Origin " + shown(origin) + " with";
        }
        String host = authority.host();
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]"; // an IPv6 address, bracketed as in an Origin
        }
        String own = request.scheme() + "://" + host + (authority.port() >= 0 ? ":" + authority.port() : "");
        String key = key(origin);
        return key != null && key.equals(key(own)) ? null : "its Origin " + shown(origin) + " is not this server (" + own + ")";
    }

    /** A header value as quoted back in the log and the answer: no longer than a real one. */
    private static String shown(String value) {
        return value.length() <= 100 ? value : value.substring(0, 100) + "…";
    }

    /** scheme://host:port with the scheme's default port filled in, lower case; null if it is not an origin. */
    private static String key(String origin) {
        try {
            URI uri = new URI(origin);
            String scheme = uri.getScheme();
            if (scheme == null || uri.getHost() == null || uri.getRawUserInfo() != null || !uri.getRawPath().isEmpty()
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                return null; // "null" (an opaque origin) and anything a browser would not send
            }
            scheme = scheme.toLowerCase(Locale.ROOT);
            int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
            return port == -1 ? null : scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
