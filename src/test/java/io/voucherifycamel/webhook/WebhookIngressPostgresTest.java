package io.voucherifycamel.webhook;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.voucherifycamel.support.PostgresProfile;

/** The same answers with a real PostgreSQL (zonky) holding receipts and quarantine. */
@QuarkusTest
@TestProfile(PostgresProfile.class)
class WebhookIngressPostgresTest extends WebhookIngressTest {
}
