package io.voucherifycamel.support;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** A real SMTP server (GreenMail) on a free loopback port, which a test may stop and start again. */
public class GreenMailResource implements QuarkusTestResourceLifecycleManager {

    private static int port;
    private static GreenMail server;

    @Override
    public Map<String, String> start() {
        port = FreePorts.next();
        begin();
        return Map.of("voucherify.email.smtp.host", "127.0.0.1", "voucherify.email.smtp.port", String.valueOf(port));
    }

    @Override
    public void stop() {
        halt();
    }

    /** SMTP outage: connections are refused until {@link #begin()}. */
    public static synchronized void halt() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    public static synchronized void begin() {
        server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
    }

    /** The mails received (since the server last started) for one delivery, told by their X-Voucherify-Delivery header. */
    public static synchronized List<MimeMessage> mailsFor(String transactionId) {
        if (server == null) {
            return List.of();
        }
        return Arrays.stream(server.getReceivedMessages()).filter(mail -> {
            try {
                String[] delivery = mail.getHeader("X-Voucherify-Delivery");
                return delivery != null && delivery[0].endsWith("transaction:" + transactionId);
            } catch (MessagingException e) {
                return false;
            }
        }).toList();
    }
}
