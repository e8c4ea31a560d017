package org.advocacyalerts.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.advocacyalerts.model.KafkaTopics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/kubernetes as kubectl renders it: every overlay renders, the services' manifests are what their
 * build generates, the pods are hardened as the README says, and Kafka's topics are the code's.
 */
class KubernetesManifestsTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final List<String> SERVICES = List.of("statement-ingest", "alert-dispatcher");
    /** The services' Deployments: the dispatcher's image also runs as delivery-only replicas. */
    private static final List<String> DEPLOYMENTS =
            List.of("statement-ingest", "alert-dispatcher", "alert-dispatcher-delivery");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path work;

    /** The objects {@code kubectl kustomize} renders from {@code dir} (relative to a copy of deploy/kubernetes). */
    private List<JsonNode> render(String dir) throws Exception {
        Path copy = work.resolve("kubernetes");
        if (!Files.exists(copy)) {
            copyTree(ROOT.resolve("base"), copy.resolve("base"));
            copyTree(ROOT.resolve("overlays"), copy.resolve("overlays"));
            copyTree(ROOT.resolve("components"), copy.resolve("components"));
            // The dev overlay's secrets are made on the machine that applies it, never committed.
            Tools.Run secrets = Tools.run(copy.resolve("overlays/dev"), "bash", "make-secrets");
            assertThat(secrets.exitCode()).as(secrets.output()).isZero();
        }
        Tools.Run rendered = Tools.run(copy.resolve(dir), "kubectl", "kustomize", ".");
        assertThat(rendered.exitCode()).as(dir + ": " + rendered.output()).isZero();
        return objects(rendered.output());
    }

    private static List<JsonNode> objects(String yaml) throws IOException {
        List<JsonNode> objects = new ArrayList<>();
        try (YAMLParser parser = new YAMLFactory().createParser(yaml)) {
            YAML.readValues(parser, JsonNode.class).forEachRemaining(node -> {
                if (node != null && !node.isEmpty()) {
                    objects.add(node);
                }
            });
        }
        return objects;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (!(p.getParent().endsWith("secrets") && p.toString().endsWith(".env"))) {
                    Files.copy(p, target); // not secrets a developer made for the dev overlay
                }
            }
        }
    }

    private static List<JsonNode> ofKind(List<JsonNode> objects, String kind) {
        return objects.stream()
                .filter(o -> o.path("kind").asText().equals(kind))
                .toList();
    }

    private static JsonNode named(List<JsonNode> objects, String kind, String name) {
        return ofKind(objects, kind).stream()
                .filter(o -> o.at("/metadata/name").asText().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    @Test
    void theCommittedServiceManifestsAreWhatTheBuildGenerates() throws Exception {
        for (String service : SERVICES) {
            Path generated = ROOT.resolve("../../" + service + "/target/kubernetes/kubernetes.yml")
                    .normalize();
            assertThat(generated).as("built by the service's package phase").exists();

            assertThat(objects(Files.readString(ROOT.resolve("base/" + service + "/kubernetes.yml"))))
                    .as(
                            "base/%s/kubernetes.yml: copy %s there after changing quarkus.kubernetes.* or"
                                    + " src/main/kubernetes",
                            service, generated)
                    .isEqualTo(objects(Files.readString(generated)));
        }
    }

    @Test
    void everyOverlayRendersAndDevRunsOneOfEverything() throws Exception {
        List<JsonNode> prod = render("overlays/prod");
        List<JsonNode> dev = render("overlays/dev");

        assertThat(named(prod, "KafkaNodePool", "nodes").at("/spec/replicas").asInt())
                .isEqualTo(3);
        assertThat(named(prod, "Cluster", "advocacy-postgres")
                        .at("/spec/instances")
                        .asInt())
                .isEqualTo(3);
        assertThat(named(prod, "Kafka", "advocacy-kafka")
                        .at("/spec/kafka/config/min.insync.replicas")
                        .asInt())
                .isEqualTo(2);
        assertThat(named(dev, "KafkaNodePool", "nodes").at("/spec/replicas").asInt())
                .isEqualTo(1);
        assertThat(named(dev, "Cluster", "advocacy-postgres")
                        .at("/spec/instances")
                        .asInt())
                .isEqualTo(1);
        for (String deployment : DEPLOYMENTS) {
            assertThat(named(dev, "Deployment", deployment).at("/spec/replicas").asInt())
                    .isEqualTo(1);
        }
        assertThat(ofKind(prod, "Secret"))
                .as("production Secrets are referenced, never rendered")
                .isEmpty();
        assertThat(ofKind(dev, "Secret"))
                .extracting(s -> s.at("/metadata/name").asText())
                .anyMatch(name -> name.startsWith("advocacy-admin"))
                .contains("advocacy-postgres-ingest", "advocacy-postgres-access");
    }

    @Test
    void everyRenderedObjectIsValidByItsModelOrSchema() throws Exception {
        List<JsonNode> all = new ArrayList<>(render("overlays/prod"));
        all.addAll(render("overlays/dev"));

        assertThat(all.stream().flatMap(o -> ManifestValidator.problems(o).stream()))
                .isEmpty();
    }

    @Test
    void withoutKedaTheDispatcherScalesOnCpu() throws Exception {
        render("overlays/prod"); // makes the copy
        Path overlay = Files.createDirectories(work.resolve("kubernetes/overlays/no-keda"));
        Files.writeString(overlay.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources: [../prod]
                components: [../../components/without-keda]
                """);

        List<JsonNode> objects = render("overlays/no-keda");

        assertThat(ofKind(objects, "ScaledObject")).isEmpty();
        assertThat(named(objects, "HorizontalPodAutoscaler", "alert-dispatcher")
                        .at("/spec/maxReplicas")
                        .asInt())
                .isEqualTo(KafkaTopics.STATEMENTS_PARTITIONS);
        JsonNode delivery = named(objects, "HorizontalPodAutoscaler", "alert-dispatcher-delivery");
        assertThat(delivery.at("/spec/scaleTargetRef/name").asText()).isEqualTo("alert-dispatcher-delivery");
        assertThat(delivery.at("/spec/metrics/0/resource/name").asText()).isEqualTo("cpu");
    }

    @Test
    void matchingScalesOnTheConsumerLagAndDeliveryOnTheDueBacklogInDeploymentsOfTheirOwn() throws Exception {
        List<JsonNode> objects = render("overlays/prod");
        JsonNode matching = named(objects, "Deployment", "alert-dispatcher");
        JsonNode delivery = named(objects, "Deployment", "alert-dispatcher-delivery");

        assertThat(delivery.at("/spec/template/spec/containers/0/image").asText())
                .isEqualTo(matching.at("/spec/template/spec/containers/0/image").asText());
        assertThat(value(delivery, "DISPATCHER_MATCHING_ENABLED")).isEqualTo("false");
        assertThat(value(matching, "DISPATCHER_MATCHING_ENABLED"))
                .as("matching is on by default")
                .isNull();
        // neither Deployment (nor the API's Service) takes the other's pods
        assertThat(selects(matching.at("/spec/selector/matchLabels"), delivery.at("/spec/template/metadata/labels")))
                .isFalse();
        assertThat(selects(delivery.at("/spec/selector/matchLabels"), matching.at("/spec/template/metadata/labels")))
                .isFalse();
        JsonNode api = named(objects, "Service", "alert-dispatcher").at("/spec/selector");
        assertThat(selects(api, matching.at("/spec/template/metadata/labels"))).isTrue();
        assertThat(selects(api, delivery.at("/spec/template/metadata/labels"))).isFalse();
        // both are the dispatcher to the network policies, PostgreSQL and Kafka, and scraped for metrics
        for (JsonNode pods : List.of(matching, delivery)) {
            JsonNode labels = pods.at("/spec/template/metadata/labels");
            assertThat(selects(
                            named(objects, "NetworkPolicy", "alert-dispatcher").at("/spec/podSelector/matchLabels"),
                            labels))
                    .isTrue();
            JsonNode budget = named(
                    objects, "PodDisruptionBudget", pods.at("/metadata/name").asText());
            assertThat(selects(budget.at("/spec/selector/matchLabels"), labels)).isTrue();
        }
        assertThat(ofKind(objects, "ServiceMonitor"))
                .extracting(m -> m.at("/metadata/name").asText())
                .containsExactlyInAnyOrder("statement-ingest", "alert-dispatcher");

        JsonNode matchingScaler = named(objects, "ScaledObject", "alert-dispatcher");
        assertThat(matchingScaler.at("/spec/maxReplicaCount").asInt()).isEqualTo(KafkaTopics.STATEMENTS_PARTITIONS);
        assertThat(matchingScaler.at("/spec/triggers").findValuesAsText("query"))
                .singleElement()
                .asString()
                .contains("kafka_consumergroup_lag");
        JsonNode deliveryScaler = named(objects, "ScaledObject", "alert-dispatcher-delivery");
        assertThat(deliveryScaler.at("/spec/scaleTargetRef/name").asText()).isEqualTo("alert-dispatcher-delivery");
        assertThat(deliveryScaler.at("/spec/minReplicaCount").asInt()).isZero();
        assertThat(deliveryScaler.at("/spec/maxReplicaCount").asInt()).isGreaterThan(KafkaTopics.STATEMENTS_PARTITIONS);
        assertThat(deliveryScaler.at("/spec/triggers").findValuesAsText("query"))
                .singleElement()
                .asString()
                .contains("advocacy_deliveries_due");
    }

    /** The value the Deployment's container sets for {@code variable}, or null. */
    private static String value(JsonNode deployment, String variable) {
        for (JsonNode e : deployment.at("/spec/template/spec/containers/0/env")) {
            if (e.path("name").asText().equals(variable)) {
                return e.path("value").asText();
            }
        }
        return null;
    }

    /** Whether a label selector ({@code matchLabels}) selects pods with these labels. */
    private static boolean selects(JsonNode matchLabels, JsonNode labels) {
        assertThat(matchLabels.isObject() && !matchLabels.isEmpty())
                .as("a selector")
                .isTrue();
        for (var entry : matchLabels.properties()) {
            if (!entry.getValue().asText().equals(labels.path(entry.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }

    @Test
    void withTracingBothServicesExportToTheCollectorTheyMayReach() throws Exception {
        render("overlays/prod"); // makes the copy
        Path overlay = Files.createDirectories(work.resolve("kubernetes/overlays/traced"));
        Files.writeString(overlay.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources: [../prod]
                components: [../../components/tracing]
                """);

        List<JsonNode> objects = render("overlays/traced");

        JsonNode tracing = ofKind(objects, "ConfigMap").stream()
                .filter(m -> m.at("/metadata/name").asText().startsWith("advocacy-tracing"))
                .findFirst()
                .orElseThrow();
        assertThat(tracing.at("/data/QUARKUS_OTEL_SDK_DISABLED").asText()).isEqualTo("false");
        for (String service : DEPLOYMENTS) {
            JsonNode env = named(objects, "Deployment", service).at("/spec/template/spec/containers/0/env");
            for (String variable : List.of("QUARKUS_OTEL_SDK_DISABLED", "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")) {
                JsonNode set = StreamSupport.stream(env.spliterator(), false)
                        .filter(e -> e.path("name").asText().equals(variable))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError(service + " lacks " + variable));
                assertThat(set.at("/valueFrom/configMapKeyRef/name").asText())
                        .as("%s reads the rendered ConfigMap", service)
                        .isEqualTo(tracing.at("/metadata/name").asText());
                assertThat(tracing.path("data").has(variable)).as(variable).isTrue();
            }
        }
        JsonNode egress = named(objects, "NetworkPolicy", "advocacy-alerts-tracing");
        assertThat(egress.at("/spec/podSelector/matchLabels/app.kubernetes.io~1part-of")
                        .asText())
                .isEqualTo("advocacy-alerts");
        assertThat(egress.at("/spec/egress/0/ports").findValuesAsText("port")).containsExactly("4317", "4318");
        assertThat(objects.stream().flatMap(o -> ManifestValidator.problems(o).stream()))
                .isEmpty();
    }

    @Test
    void podsRunHardenedWithProbesAndResources() throws Exception {
        for (JsonNode deployment : ofKind(render("overlays/prod"), "Deployment")) {
            String name = deployment.at("/metadata/name").asText();
            JsonNode pod = deployment.at("/spec/template/spec");
            assertThat(pod.path("automountServiceAccountToken").asBoolean(true))
                    .as(name)
                    .isFalse();
            assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean())
                    .as(name)
                    .isTrue();
            assertThat(pod.at("/securityContext/seccompProfile/type").asText())
                    .as(name)
                    .isEqualTo("RuntimeDefault");
            assertThat(pod.path("topologySpreadConstraints")).as(name).isNotEmpty();
            assertThat(pod.path("volumes").findValuesAsText("name")).as(name).contains("tmp");
            for (JsonNode container : pod.path("containers")) {
                JsonNode security = container.path("securityContext");
                assertThat(security.path("readOnlyRootFilesystem").asBoolean())
                        .as(name)
                        .isTrue();
                assertThat(security.path("allowPrivilegeEscalation").asBoolean(true))
                        .as(name)
                        .isFalse();
                assertThat(security.at("/capabilities/drop").toString())
                        .as(name)
                        .isEqualTo("[\"ALL\"]");
                assertThat(container.at("/resources/requests/cpu").isMissingNode())
                        .as(name)
                        .isFalse();
                assertThat(container.at("/resources/requests/memory").isMissingNode())
                        .as(name)
                        .isFalse();
                assertThat(container.at("/resources/limits/memory").isMissingNode())
                        .as(name)
                        .isFalse();
                assertThat(container.path("volumeMounts").toString()).as(name).contains("\"mountPath\":\"/tmp\"");
                assertThat(Map.of(
                                "liveness",
                                        container
                                                .at("/livenessProbe/httpGet/path")
                                                .asText(),
                                "readiness",
                                        container
                                                .at("/readinessProbe/httpGet/path")
                                                .asText(),
                                "startup",
                                        container
                                                .at("/startupProbe/httpGet/path")
                                                .asText()))
                        .as(name)
                        .containsExactlyInAnyOrderEntriesOf(Map.of(
                                "liveness", "/q/health/live",
                                "readiness", "/q/health/ready",
                                "startup", "/q/health/started"));
            }
        }
    }

    @Test
    void kafkaTopicsAreTheOnesTheCodeUses() throws Exception {
        Map<String, JsonNode> topics = new TreeMap<>();
        for (JsonNode topic : ofKind(render("overlays/prod"), "KafkaTopic")) {
            topics.put(topic.at("/spec/topicName").asText(), topic);
        }

        assertThat(topics.keySet())
                .containsExactlyInAnyOrder(KafkaTopics.STATEMENTS, KafkaTopics.STATEMENTS_DEAD_LETTER);
        assertThat(topics.get(KafkaTopics.STATEMENTS).at("/spec/partitions").asInt())
                .isEqualTo(KafkaTopics.STATEMENTS_PARTITIONS);
        topics.values().forEach(t -> assertThat(t.at("/spec/replicas").asInt()).isEqualTo(3));
    }

    @Test
    void eachServiceHasItsOwnKafkaUserAndDatabaseRole() throws Exception {
        List<JsonNode> objects = render("overlays/prod");
        for (String service : SERVICES) {
            JsonNode user = named(objects, "KafkaUser", service);
            assertThat(user.at("/spec/authentication/type").asText()).isEqualTo("scram-sha-512");
            JsonNode container = named(objects, "Deployment", service).at("/spec/template/spec/containers/0");
            assertThat(container.path("env").toString())
                    .as("%s reads its own Kafka user's JAAS configuration", service)
                    .contains("{\"name\":\"KAFKA_SASL_JAAS_CONFIG\",\"valueFrom\":{\"secretKeyRef\":{\"key\":"
                            + "\"sasl.jaas.config\",\"name\":\"" + service + "\"}}}")
                    .contains("sslmode=verify-full");
        }
        ObjectNode roles =
                (ObjectNode) named(objects, "Cluster", "advocacy-postgres").at("/spec/managed");
        assertThat(roles.findValuesAsText("name")).contains("ingest", "access");
    }

    @Test
    void eachDockerfileCopiesWhatTheBuildMadeAndBuildsTheImageTheManifestsRun() throws Exception {
        Path repository = ROOT.resolve("../..").normalize();
        List<JsonNode> objects = render("overlays/prod");
        for (String service : SERVICES) {
            Path dockerfile = repository.resolve(service + "/src/main/docker/Dockerfile.jvm");
            List<String> lines = Files.readAllLines(dockerfile);
            List<String> sources = lines.stream()
                    .filter(l -> l.startsWith("COPY "))
                    .map(l -> l.split("\\s+"))
                    .map(words -> words[words.length - 2])
                    .toList();
            assertThat(sources).as(service).hasSizeGreaterThanOrEqualTo(4);
            for (String source : sources) {
                try (Stream<Path> found = Files.list(repository.resolve(source).getParent())) {
                    PathMatcher glob = FileSystems.getDefault()
                            .getPathMatcher("glob:" + repository.resolve(source.replaceAll("/$", "")));
                    assertThat(found.filter(glob::matches))
                            .as("%s: COPY %s finds nothing in the build output", service, source)
                            .isNotEmpty();
                }
            }
            assertThat(lines).as(service).contains("USER 185");
            String image = named(objects, "Deployment", service)
                    .at("/spec/template/spec/containers/0/image")
                    .asText();
            assertThat(String.join("\n", lines))
                    .as("the documented build command tags the image the Deployment runs")
                    .contains("-t " + image.substring(0, image.lastIndexOf(':')) + ":");
        }
    }
}
