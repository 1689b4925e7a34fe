package io.voucherifycamel.component;

import java.util.Arrays;
import java.util.List;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

import io.voucherifycamel.request.WebhookRequestCheck;

/**
 * {@code voucherify:webhook}: receives Voucherify's webhooks over the application's platform-http
 * engine, refuses what is not an authentic delivery with an RFC 9457 problem, and hands each authentic
 * event to the route as a {@code WebhookEvent} with the routing headers set (component/README.md).
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = VoucherifyComponent.SCHEME, title = "Voucherify", syntax = "voucherify:name",
        consumerOnly = true, remote = true, category = { Category.HTTP, Category.SAAS },
        headersClass = io.voucherifycamel.headers.VoucherifyHeaders.class)
public class VoucherifyEndpoint extends DefaultEndpoint {

    /** The one endpoint name. */
    public static final String WEBHOOK = "webhook";
    /** The default of {@code path}: the path in the webhook URL set in Voucherify's project settings. */
    public static final String DEFAULT_PATH = "webhooks/voucherify";
    /** The default of {@code maxBodySize}, 1 MB: the product's {@code voucherify.webhook.max-body-size}. */
    public static final long DEFAULT_MAX_BODY_SIZE = 1024 * 1024;

    @UriPath(enums = WEBHOOK, description = "The endpoint: webhook")
    @Metadata(required = true)
    private String name;

    @UriParam(defaultValue = DEFAULT_PATH, description = "The HTTP path Voucherify posts to, relative to the platform-http server's root")
    private String path = DEFAULT_PATH;

    @UriParam(label = "security", secret = true, description = "The webhook secrets from Voucherify's project settings, comma-separated;"
            + " a body signed with any of them is authentic, so a secret is rotated by adding the new one first")
    @Metadata(required = true)
    private String secrets;

    @UriParam(defaultValue = "1048576", description = "The largest body accepted, in bytes; a larger one is answered 413")
    private long maxBodySize = DEFAULT_MAX_BODY_SIZE;

    public VoucherifyEndpoint(String uri, VoucherifyComponent component) {
        super(uri, component);
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("voucherify:webhook only receives; it has no producer");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        VoucherifyConsumer consumer = new VoucherifyConsumer(this, processor, requestCheck());
        configureConsumer(consumer);
        return consumer;
    }

    /** The checks with this endpoint's secrets and limit; refuses to build without a secret rather than accept unsigned events. */
    WebhookRequestCheck requestCheck() {
        List<String> list = secrets == null ? List.of()
                : Arrays.stream(secrets.split(",")).map(String::trim).filter(secret -> !secret.isEmpty()).toList();
        if (list.isEmpty()) {
            throw new IllegalArgumentException("voucherify:webhook needs the secrets option: at least one webhook secret");
        }
        return new WebhookRequestCheck(list, maxBodySize, "maxBodySize of voucherify:webhook");
    }

    /** The platform-http URI the consumer listens on. */
    String platformHttpUri() {
        return "platform-http:/" + (path.startsWith("/") ? path.substring(1) : path);
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public String getSecrets() {
        return secrets;
    }

    public void setSecrets(String secrets) {
        this.secrets = secrets;
    }

    public long getMaxBodySize() {
        return maxBodySize;
    }

    public void setMaxBodySize(long maxBodySize) {
        this.maxBodySize = maxBodySize;
    }
}
