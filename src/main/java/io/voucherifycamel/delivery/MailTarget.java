package io.voucherifycamel.delivery;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.StreamProvider;

import org.apache.camel.Body;
import org.apache.camel.Header;
import org.eclipse.angus.mail.util.MailStreamProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.voucherifycamel.event.BalanceEventData;
import io.voucherifycamel.event.WebhookEvent;
import io.voucherifycamel.headers.VoucherifyHeaders;
import io.voucherifycamel.retry.PermanentFailure;

/**
 * The email target: renders the balance change (text and HTML) and sends it over SMTP or, with no
 * SMTP host configured, writes it as an .eml file, so nothing is lost and a newcomer can open it.
 * Jakarta Mail rather than Quarkus' mailer, because only a real MIME message can be written as .eml.
 * A delivery is recorded after the send: a crash between the two can repeat a mail, never lose one;
 * a database outage between the two does not repeat it.
 */
@ApplicationScoped
@Named("financeMail")
public class MailTarget implements Target {

    private static final Logger LOG = Logger.getLogger(MailTarget.class);
    private static final Pattern NOT_IN_FILE_NAME = Pattern.compile("[^A-Za-z0-9._-]");

    static {
        // Jakarta Mail 2.1 looks up its StreamProvider with a ServiceLoader scan of the whole class path
        // on every new body part and every write (jakartaee/mail-api#699 and #861): under load that was
        // half of this target's CPU, a sixth of the product's. The lookup reads this system property
        // first, which turns the scan into a class-by-name; a value set by the user is kept.
        System.getProperties().putIfAbsent(StreamProvider.class.getName(), MailStreamProvider.class.getName());
    }

    private final MailConfig config;
    private final DeliveryLog deliveries;
    private final Template text;
    private final Template html;
    private final Path outbox;
    private final Address[] recipients;
    /**
     * Mails the server accepted whose delivery could not be recorded yet: the retry records them
     * instead of sending them again. In memory, so only a crash in that window can repeat a mail.
     */
    private final Set<String> sentNotRecorded = ConcurrentHashMap.newKeySet();
    // built once: a new Jakarta Mail session scans every jar of the class path for its resources
    private final Session session;

    MailTarget(MailConfig config, DeliveryLog deliveries,
            @Location("balance-mail.txt") Template text, @Location("balance-mail.html") Template html,
            @ConfigProperty(name = "voucherify.data-dir") Path dataDir) {
        this.config = config;
        this.deliveries = deliveries;
        this.text = text;
        this.html = html;
        this.outbox = config.outboxDir().map(Path::of).orElse(dataDir.resolve("outbox")).toAbsolutePath();
        this.session = session(config.smtp());
        // a mistyped recipient stops the start-up, rather than failing every mail
        this.recipients = config.to().stream().map(MailTarget::address).toArray(Address[]::new);
    }

    @Override
    public void deliver(@Body WebhookEvent event, @Header(VoucherifyHeaders.DELIVERY_KEY) String deliveryKey)
            throws MessagingException, IOException, SQLException {
        if (sentNotRecorded.contains(deliveryKey)) {
            // sent on an earlier attempt whose record failed (the database was down): only record it now
            deliveries.record(deliveryKey);
            sentNotRecorded.remove(deliveryKey);
            return;
        }
        if (deliveries.contains(deliveryKey)) {
            LOG.debugf("Mail %s was sent before", deliveryKey);
            return;
        }
        if (!(event.getData() instanceof BalanceEventData data)) {
            throw new PermanentFailure("the balance mail needs a gift or loyalty balance event, not " + event.getEventType());
        }
        MimeMessage message = compose(BalanceMail.of(event, data), deliveryKey);
        if (config.smtp().host().isPresent()) {
            Transport.send(message);
        } else {
            writeToOutbox(message, deliveryKey);
        }
        sentNotRecorded.add(deliveryKey);
        deliveries.record(deliveryKey);
        sentNotRecorded.remove(deliveryKey);
    }

    private MimeMessage compose(BalanceMail mail, String deliveryKey) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(config.from()));
        message.setRecipients(MimeMessage.RecipientType.TO, recipients);
        message.setSubject(config.subject() + ": " + mail.amount() + " on card " + mail.card(), "UTF-8");
        message.setHeader("X-Voucherify-Delivery", deliveryKey);
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(text.data("mail", mail).render(), "UTF-8");
        MimeBodyPart rich = new MimeBodyPart();
        rich.setContent(html.data("mail", mail).render(), "text/html; charset=UTF-8");
        message.setContent(new MimeMultipart("alternative", plain, rich));
        message.saveChanges();
        return message;
    }

    private static Session session(MailConfig.Smtp smtp) {
        Properties properties = new Properties();
        smtp.host().ifPresent(host -> properties.put("mail.smtp.host", host));
        properties.put("mail.smtp.port", String.valueOf(smtp.port()));
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "10000");
        properties.put("mail.smtp.writetimeout", "10000");
        properties.put("mail.smtp.starttls.enable", String.valueOf(smtp.starttls()));
        properties.put("mail.smtp.starttls.required", String.valueOf(smtp.starttls()));
        if (smtp.username().isPresent()) {
            properties.put("mail.smtp.auth", "true");
            return Session.getInstance(properties, new jakarta.mail.Authenticator() {
                @Override
                protected jakarta.mail.PasswordAuthentication getPasswordAuthentication() {
                    return new jakarta.mail.PasswordAuthentication(smtp.username().get(), smtp.password().orElse(""));
                }
            });
        }
        return Session.getInstance(properties);
    }

    private void writeToOutbox(MimeMessage message, String deliveryKey) throws IOException, MessagingException {
        if (!Files.isDirectory(outbox)) {
            // not every time: for a folder that exists, createDirectories throws and catches two exceptions,
            // with their stack traces (every mail under ThroughputBench, JFR)
            Files.createDirectories(outbox);
        }
        String name = NOT_IN_FILE_NAME.matcher(deliveryKey).replaceAll("_") + ".eml";
        Path partial = Files.createTempFile(outbox, ".mail-", ".part");
        // buffered: MIME writing emits many small pieces
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 16 * 1024)) {
            message.writeTo(out);
        }
        // a reader of the folder never sees half a mail
        Files.move(partial, outbox.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        LOG.infof("No SMTP host configured: mail written to %s", outbox.resolve(name));
    }

    private static InternetAddress address(String address) {
        try {
            return new InternetAddress(address.trim(), true);
        } catch (jakarta.mail.internet.AddressException e) {
            throw new IllegalArgumentException("voucherify.email.to holds an invalid address: " + e.getRef(), e);
        }
    }
}
