package io.voucherifycamel.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

import io.voucherifycamel.event.WebhookEvent;
import io.voucherifycamel.headers.VoucherifyHeaders;

/**
 * The voucherify-mail-sink Kamelet, as the component jar ships it, on a plain Camel context against a
 * real SMTP server (GreenMail on a free loopback port): the mail arrives with subject and text from
 * the templates (the defaults, and the user's own), marked with its delivery, and a mail that cannot
 * be sent fails the exchange.
 */
class MailSinkKameletTest {

    private static final String PASSWORD = "s3cret&more";
    private static final String WRONG_PASSWORD = "n0t-the-password";

    private static int port;
    private static GreenMail smtp;
    private static CamelContext camel;
    private static ProducerTemplate producer;

    @BeforeAll
    static void start() throws Exception {
        port = freePort();
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("voucherify@example.com", "voucherify", PASSWORD));
        smtp.start();
        camel = new DefaultCamelContext();
        // a secret from configuration, as the product's YAML passes one: a placeholder inside RAW(...)
        camel.getPropertiesComponent().addInitialProperty("sink.smtp.password", PASSWORD);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                String server = "kamelet:voucherify-mail-sink?host=127.0.0.1&port=" + port + "&from=voucherify@example.com";
                from("direct:default").to(server + "&to=finance@example.com");
                from("direct:own").to(server + "&to=cards@example.com,audit@example.com"
                        + "&subject=RAW(Card ${header.VoucherifyVoucherCode} changed by ${header.VoucherifyAmount})"
                        + "&template=RAW(${header.VoucherifyReason} & co: ${header.VoucherifyTransactionId})");
                from("direct:login").to(server + "&to=login@example.com&username=voucherify&password=RAW(" + PASSWORD + ")");
                from("direct:loginFromConfig").to(server + "&to=login@example.com&username=voucherify&password=RAW({{sink.smtp.password}})");
                from("direct:wrongLogin").to(server + "&to=login@example.com&username=voucherify&password=RAW(" + WRONG_PASSWORD + ")");
                from("direct:fromFile").to(server + "&to=files@example.com&template=resource:classpath:templates/sink-mail.txt");
                from("direct:notAnAddress").to(server + "&to=RAW(finance at example dot com)");
                // nothing listens on the port of a server that is gone
                from("direct:serverDown").to("kamelet:voucherify-mail-sink?host=127.0.0.1&port=" + freePort()
                        + "&from=voucherify@example.com&to=finance@example.com");
            }
        });
        camel.start();
        producer = camel.createProducerTemplate();
    }

    @AfterAll
    static void stop() {
        if (camel != null) {
            camel.stop();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void theDefaultTemplatesShowCardAmountReasonAndTransaction() throws Exception {
        String transaction = transaction();
        WebhookEvent event = SeedEvents.event(camel, transaction);
        Map<String, Object> headers = SeedEvents.headers(event);
        headers.put(VoucherifyHeaders.DELIVERY_KEY, "finance-email:transaction:" + transaction);
        producer.sendBodyAndHeaders("direct:default", event, headers);

        MimeMessage mail = only(mailsFor("finance-email:transaction:" + transaction));
        assertEquals("Voucherify customer.voucher.gift.balance_added: card Gift-for-you-0, amount " + headers.get(VoucherifyHeaders.AMOUNT),
                mail.getSubject());
        assertEquals("voucherify@example.com", mail.getFrom()[0].toString());
        assertEquals("finance@example.com", mail.getAllRecipients()[0].toString());
        String text = GreenMailUtil.getBody(mail);
        assertTrue(text.contains("Card:        Gift-for-you-0 (v_oNia4nTFDqYZOWYJiMpX8ocB6p6ZaEBm)"), text);
        assertTrue(text.contains("Amount:      " + headers.get(VoucherifyHeaders.AMOUNT) + " (cents"), text);
        assertTrue(text.contains("Reason:      Refund"), text);
        assertTrue(text.contains("Transaction: " + transaction + " (CREDITS_ADDITION)"), text);
        // no message header but the subject and the delivery becomes a mail header
        assertNull(mail.getHeader(VoucherifyHeaders.REASON));
        assertNull(mail.getHeader(VoucherifyHeaders.DELIVERY_KEY));
    }

    @Test
    void theUsersOwnTemplatesAndRecipients() throws Exception {
        String transaction = transaction();
        WebhookEvent event = SeedEvents.event(camel, transaction);
        // without the product's delivery key the mail is marked with the transaction
        producer.sendBodyAndHeaders("direct:own", event, SeedEvents.headers(event));

        List<MimeMessage> mails = mailsFor("transaction:" + transaction);
        assertEquals(2, mails.size(), "one copy per recipient");
        MimeMessage mail = mails.get(0);
        assertEquals("Card Gift-for-you-0 changed by " + SeedEvents.headers(event).get(VoucherifyHeaders.AMOUNT), mail.getSubject());
        assertEquals("Refund & co: " + transaction, GreenMailUtil.getBody(mail).trim());
        assertEquals(2, mail.getAllRecipients().length);
    }

    @Test
    void aLoginWithTheRightPasswordSendsAndAWrongOneFailsWithoutShowingIt() {
        String transaction = transaction();
        WebhookEvent event = SeedEvents.event(camel, transaction);
        producer.sendBodyAndHeaders("direct:login", event, SeedEvents.headers(event));
        assertEquals(1, mailsFor("transaction:" + transaction).size());
        String configured = transaction();
        WebhookEvent fromConfig = SeedEvents.event(camel, configured);
        producer.sendBodyAndHeaders("direct:loginFromConfig", fromConfig, SeedEvents.headers(fromConfig));
        assertEquals(1, mailsFor("transaction:" + configured).size());

        String refused = transaction();
        WebhookEvent other = SeedEvents.event(camel, refused);
        CamelExecutionException failure = assertThrows(CamelExecutionException.class,
                () -> producer.sendBodyAndHeaders("direct:wrongLogin", other, SeedEvents.headers(other)));
        assertEquals(List.of(), mailsFor("transaction:" + refused));
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            assertTrue(!String.valueOf(cause.getMessage()).contains(WRONG_PASSWORD), () -> "the password in " + failure);
        }
    }

    @Test
    void aTemplateFromAResource() throws Exception {
        String transaction = transaction();
        WebhookEvent event = SeedEvents.event(camel, transaction);
        producer.sendBodyAndHeaders("direct:fromFile", event, SeedEvents.headers(event));
        assertEquals("From a file: card Gift-for-you-0, transaction " + transaction,
                GreenMailUtil.getBody(only(mailsFor("transaction:" + transaction))).trim());
    }

    @Test
    void aRecipientThatIsNotAnAddressFailsTheExchange() {
        String transaction = transaction();
        WebhookEvent event = SeedEvents.event(camel, transaction);
        assertThrows(CamelExecutionException.class,
                () -> producer.sendBodyAndHeaders("direct:notAnAddress", event, SeedEvents.headers(event)));
        assertEquals(List.of(), mailsFor("transaction:" + transaction));
    }

    @Test
    void aServerThatIsDownFailsTheExchange() {
        WebhookEvent event = SeedEvents.event(camel, transaction());
        CamelExecutionException failure = assertThrows(CamelExecutionException.class,
                () -> producer.sendBodyAndHeaders("direct:serverDown", event, SeedEvents.headers(event)));
        assertTrue(failure.getCause() instanceof MessagingException, () -> String.valueOf(failure.getCause()));
    }

    private static List<MimeMessage> mailsFor(String delivery) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(mail -> {
            try {
                String[] header = mail.getHeader("X-Voucherify-Delivery");
                return header != null && header[0].equals(delivery);
            } catch (MessagingException e) {
                return false;
            }
        }).toList();
    }

    private static MimeMessage only(List<MimeMessage> mails) {
        assertEquals(1, mails.size(), "mails");
        return mails.get(0);
    }

    private static String transaction() {
        return "vtx_" + UUID.randomUUID().toString().replace("-", "").substring(0, 18);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
