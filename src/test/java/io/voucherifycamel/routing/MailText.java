package io.voucherifycamel.routing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import jakarta.mail.internet.MimeMessage;

/** A received mail as the text a person would read, all parts together. */
final class MailText {

    private MailText() {
    }

    static String of(MimeMessage mail) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mail.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
