package org.advocacyalerts.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A service's Deployment as deploy/kubernetes ships it: what Kubernetes will call on the service (its
 * probes and port) and the environment it sets, for tests that check the service answers and reads them.
 */
public record DeploymentManifest(int containerPort, List<String> probePaths, List<String> environment) {

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
