package org.advocacyalerts.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Properties;

/**
 * A service's Deployment as deploy/kubernetes ships it: what Kubernetes will call on the service (its
 * probes and port) and the environment it sets, for tests that check the service answers and reads them.
 */
public record DeploymentManifest(int containerPort, List<String> probePaths, List<String> environment) {

    /** The service's Deployment in deploy/kubernetes/base, read from the service's module directory. */
    public static DeploymentManifest of(String service) {
        return read(Path.of("../deploy/kubernetes/base/" + service + "/kubernetes.yml"), service);
    }

    /** The HTTP port the packaged service listens on, from its application.properties (tests use their own). */
    public static int packagedHttpPort() {
        Properties configured = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            configured.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Integer.parseInt(configured.getProperty("quarkus.http.port"));
    }

    /** The Deployment named {@code service} in a manifest of several documents. */
    public static DeploymentManifest read(Path manifest, String service) {
        try (YAMLParser parser = new YAMLFactory().createParser(Files.readString(manifest))) {
            Iterator<JsonNode> documents = new ObjectMapper().readValues(parser, JsonNode.class);
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if ("Deployment".equals(document.path("kind").asText())
                        && service.equals(document.at("/metadata/name").asText())) {
                    JsonNode container = document.at("/spec/template/spec/containers/0");
                    List<String> probes = new ArrayList<>();
                    for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
                        probes.add(container.path(probe).at("/httpGet/path").asText());
                    }
                    List<String> environment = new ArrayList<>();
                    container
                            .path("env")
                            .forEach(e -> environment.add(e.path("name").asText()));
                    return new DeploymentManifest(
                            container.at("/ports/0/containerPort").asInt(), probes, environment);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalArgumentException("no Deployment " + service + " in " + manifest);
    }
}
