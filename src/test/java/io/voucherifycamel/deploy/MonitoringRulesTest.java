package io.voucherifycamel.deploy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * deploy/monitoring: every alerting rule complete, every dashboard panel with a query, and every
 * metric they read one docs/operations.md documents (a renamed metric fails here, not on call).
 */
class MonitoringRulesTest {

    private static final Pattern METRIC = Pattern.compile("\\bvoucherify_[a-z_]+");

    @Test
    void everyRuleReadsDocumentedMetrics() throws IOException {
        Map<String, Object> file = new ObjectMapper(new YAMLFactory()).readValue(Path.of("deploy/monitoring/prometheus-rules.yaml").toFile(), Map.class);
        String readme = Files.readString(Path.of("docs/operations.md"));
        List<Map<String, Object>> groups = (List<Map<String, Object>>) file.get("groups");
        assertFalse(groups.isEmpty());
        for (Map<String, Object> group : groups) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                String name = String.valueOf(rule.get("alert"));
                String expr = String.valueOf(rule.get("expr"));
                assertNotNull(((Map<String, Object>) rule.get("labels")).get("severity"), name);
                assertNotNull(((Map<String, Object>) rule.get("annotations")).get("summary"), name);
                assertDocumented(name, expr, readme);
            }
        }
    }

    @Test
    void everyDashboardPanelQueriesDocumentedMetrics() throws IOException {
        Map<String, Object> dashboard = new ObjectMapper().readValue(Path.of("deploy/monitoring/grafana-dashboard.json").toFile(), Map.class);
        String readme = Files.readString(Path.of("docs/operations.md"));
        List<Map<String, Object>> panels = (List<Map<String, Object>>) dashboard.get("panels");
        assertFalse(panels.isEmpty());
        for (Map<String, Object> panel : panels) {
            List<Map<String, Object>> targets = (List<Map<String, Object>>) panel.get("targets");
            assertFalse(targets == null || targets.isEmpty(), panel.get("title") + " has no query");
            for (Map<String, Object> target : targets) {
                assertDocumented(String.valueOf(panel.get("title")), String.valueOf(target.get("expr")), readme);
            }
        }
    }

    private static void assertDocumented(String where, String expr, String readme) {
        Matcher metric = METRIC.matcher(expr);
        assertTrue(metric.find(), where + " reads no voucherify metric: " + expr);
        do {
            // a histogram is documented by its name; Prometheus adds _bucket, _count and _sum
            String name = metric.group().replaceAll("_(bucket|count|sum)$", "");
            assertTrue(readme.contains("`" + name + "`") || readme.contains("`" + name + "{"),
                    where + " reads " + metric.group() + ", which docs/operations.md does not document");
        } while (metric.find());
    }
}
