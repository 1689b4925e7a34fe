package io.voucherifycamel.routing;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.voucherifycamel.support.TestRoutes;

/**
 * The shipped routes plus a target "flaky" (the test bean {@code flakyTarget} through the product's
 * bean-target template) that receives every event whose reason starts with "flaky"; retries 5 s apart,
 * so that what happens while a message waits is easy to see.
 */
public class FlakyTargetProfile implements QuarkusTestProfile {

    public static final String RULE = ""
            + "              - simple: \"${header.VoucherifyReason} starts with 'flaky'\"\n"
            + "                steps:\n"
            + "                  - setHeader:\n"
            + "                      name: VoucherifyRule\n"
            + "                      constant: flaky-test\n"
            + "                  - setHeader:\n"
            + "                      name: VoucherifyTargets\n"
            + "                      constant: flaky\n";
    public static final String TARGET = """
            # Test target: the test bean flakyTarget
            - templatedRoute:
                routeTemplateRef: bean-target
                parameters:
                  - name: name
                    value: flaky
                  - name: bean
                    value: flakyTarget
            """;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("voucherify.routes-dir", TestRoutes.copy(RULE, Map.of("flaky.camel.yaml", TARGET)).toString(),
                "voucherify.delivery.redelivery-delay", "5s",
                "voucherify.delivery.backoff-multiplier", "1",
                "voucherify.delivery.max-redelivery-delay", "5s");
    }
}
