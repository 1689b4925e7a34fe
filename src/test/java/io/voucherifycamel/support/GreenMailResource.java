package io.voucherifycamel.support;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real SMTP server (GreenMail) on a free loopback port, which a test may stop and start again.
 * The mails it received are kept across its stops, so a test reads every mail the product ever sent,
 * not only those since the last start: a mail sent twice around an outage shows up twice.
 */
public class GreenMailResource implements QuarkusTestResourceLifecycleManager {

    private static int port;
    private static GreenMail server;
    /** What the servers stopped so far had received. */
    private static final List<MimeMessage> RECEIVED_BEFORE = new ArrayList<>();

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
            // stop() replaces the server's store: keep the old one and read it once the server has
            // stopped, so that a mail accepted while it was stopping is not lost by the test
            Managers store = server.getManagers();
            server.stop();
            store.getImapHostManager().getAllMessages().stream().map(StoredMessage::getMimeMessage).forEach(RECEIVED_BEFORE::add);
            server = null;
        }
    }

    public static synchronized void begin() {
        server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
    }

    /** Every mail received for one delivery, told by its X-Voucherify-Delivery header, whether the server runs or not. */
    public static synchronized List<MimeMessage> mailsFor(String transactionId) {
        List<MimeMessage> all = new ArrayList<>(RECEIVED_BEFORE);
        if (server != null) {
            all.addAll(Arrays.asList(server.getReceivedMessages()));
        }
        return all.stream().filter(mail -> {
            try {
                String[] delivery = mail.getHeader("X-Voucherify-Delivery");
                return delivery != null && delivery[0].endsWith("transaction:" + transactionId);
            } catch (MessagingException e) {
                return false;
            }
        }).toList();
    }
}
