package io.voucherifycamel.webhook;

import java.util.List;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the webhook endpoint ({@code voucherify.webhook.*}, or {@code VOUCHERIFY_WEBHOOK_*}). */
@ConfigMapping(prefix = "voucherify.webhook")
public interface WebhookConfig {

    /**
     * The webhook secrets from Voucherify's project settings, comma-separated. A body signed with any
     * of them is authentic, so a new secret can be added before the old one is removed. No default:
     * the production profile refuses to start without one.
     */
    List<String> secrets();

    /** The largest body accepted; a larger one is answered 413 (default in application.properties: Vert.x' limit reads it too). */
    MemorySize maxBodySize();

    /** The HTTP path Voucherify posts to. */
    @WithDefault("/webhooks/voucherify")
    String path();
}
