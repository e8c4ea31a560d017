package org.advocacyalerts.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PrometheusRule's rules as Prometheus reads them: {@code promtool check rules} accepts them, and
 * {@code promtool test rules} shows each alert firing when it should and staying quiet otherwise.
 */
class PrometheusRulesTest {

    static final Path MONITORING = Path.of("base/monitoring");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path work;

    /** The rule groups of the PrometheusRule, written as a plain rules file next to a copy of the unit tests. */
    private void rulesFile() throws Exception {
        JsonNode rule = YAML.readTree(MONITORING.resolve("prometheus-rule.yaml").toFile());
        assertThat(rule.path("kind").asText()).isEqualTo("PrometheusRule");
        YAML.writeValue(work.resolve("advocacy-alerts.rules.yaml").toFile(), rule.path("spec"));
        Files.copy(MONITORING.resolve("rules-test.yaml"), work.resolve("rules-test.yaml"));
    }

    @Test
    void prometheusAcceptsTheRules() throws Exception {
        rulesFile();

        Tools.Run check = Tools.run(work, "promtool", "check", "rules", "advocacy-alerts.rules.yaml");

        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS");
    }

    @Test
    void eachAlertFiresWhenItShouldAndNotBefore() throws Exception {
        rulesFile();

        Tools.Run test = Tools.run(work, "promtool", "test", "rules", "rules-test.yaml");

        assertThat(test.exitCode()).as(test.output()).isZero();
    }

    @Test
    void everyAlertHasUnitTestsThatSeeItFire() throws Exception {
        JsonNode rule = YAML.readTree(MONITORING.resolve("prometheus-rule.yaml").toFile());
        JsonNode tests = YAML.readTree(MONITORING.resolve("rules-test.yaml").toFile());
        Set<String> alerts = new TreeSet<>();
        rule.path("spec")
                .path("groups")
                .forEach(g ->
                        g.path("rules").forEach(r -> alerts.add(r.path("alert").asText())));
        Set<String> firing = new TreeSet<>();
        Set<String> quiet = new TreeSet<>();
        tests.path("tests")
                .forEach(t -> t.path("alert_rule_test")
                        .forEach(a -> (a.path("exp_alerts").isEmpty() ? quiet : firing)
                                .add(a.path("alertname").asText())));

        assertThat(firing).as("alerts seen firing").isEqualTo(alerts);
        assertThat(quiet).as("alerts seen quiet").isEqualTo(alerts);
    }

    @Test
    void everyQueryOfTheDashboardIsValidPromQL() throws Exception {
        JsonNode dashboard = new ObjectMapper()
                .readTree(MONITORING.resolve("grafana-dashboard.json").toFile());
        List<String> queries = dashboard.findValuesAsText("expr");
        assertThat(queries).hasSizeGreaterThanOrEqualTo(10);
        // promtool parses PromQL in rules only: each query becomes a recording rule of its own.
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        for (int i = 0; i < queries.size(); i++) {
            rules.append("      - record: dashboard:query").append(i).append('\n');
            rules.append("        expr: ")
                    .append(YAML.writeValueAsString(queries.get(i)).replaceFirst("^---\\s*", ""));
        }
        Files.writeString(work.resolve("dashboard.rules.yaml"), rules);

        Tools.Run check = Tools.run(work, "promtool", "check", "rules", "dashboard.rules.yaml");

        assertThat(check.exitCode()).as(check.output() + rules).isZero();
    }
}
