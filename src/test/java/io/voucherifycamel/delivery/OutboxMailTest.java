package io.voucherifycamel.delivery;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.voucherifycamel.support.Webhooks;

/** With no SMTP host configured (the embedded default), the finance mail is written as an .eml file. */
@QuarkusTest
class OutboxMailTest {

    @ConfigProperty(name = "voucherify.data-dir")
    Path dataDir;

    @Test
    void refundMailIsWrittenToTheOutboxAsAnEmlFile() throws Exception {
        ObjectNode event = Webhooks.gift("Refund", "MANUAL");
        Path mail = dataDir.resolve("outbox").resolve("finance-email_transaction_" + Webhooks.transactionId(event) + ".eml");
        Webhooks.post(event).then().statusCode(202);

        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> Files.exists(mail));
        String content = Files.readString(mail);
        assertTrue(content.contains("Subject: Voucherify gift card refund: 4.00 on card **********ou-0"), content);
        assertTrue(content.contains("To: finance@example.com"), content);
        assertTrue(content.contains("Balance after:     159.00"), content);
        assertTrue(content.contains("multipart/alternative"), content);
    }

    @Test
    void creditThatIsNotARefundWritesNoMail() throws Exception {
        ObjectNode event = Webhooks.gift("cash reward", "MANUAL");
        Path mail = dataDir.resolve("outbox").resolve("finance-email_transaction_" + Webhooks.transactionId(event) + ".eml");
        Webhooks.post(event).then().statusCode(202);
        Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(6)).until(() -> !Files.exists(mail));
    }
}
