package io.voucherifycamel.delivery;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The finance email ({@code voucherify.email.*}, or {@code VOUCHERIFY_EMAIL_*}). */
@ConfigMapping(prefix = "voucherify.email")
public interface MailConfig {

    /** Recipients, comma-separated. */
    @WithDefault("finance@example.com")
    List<String> to();

    @WithDefault("voucherify-camel@example.com")
    String from();

    @WithDefault("Voucherify gift card refund")
    String subject();

    /** Without an SMTP host, mails are written as .eml files to this folder (default: data folder/outbox). */
    Optional<String> outboxDir();

    Smtp smtp();

    /** The SMTP server; leave {@code host} unset to write .eml files instead. */
    interface Smtp {

        Optional<String> host();

        @WithDefault("25")
        int port();

        Optional<String> username();

        Optional<String> password();

        /** Upgrade the connection with STARTTLS (required when the server offers it). */
        @WithDefault("false")
        boolean starttls();
    }
}
