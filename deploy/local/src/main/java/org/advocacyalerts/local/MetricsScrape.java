package org.advocacyalerts.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape of a service's {@code /q/metrics} in the Prometheus text or OpenMetrics format (exemplars
 * included), read as Prometheus reads it: series by name and labels. For tests that check what an operator's dashboard and alerts would see.
 */
public final class MetricsScrape {

    private static final Pattern SAMPLE =
            Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)(\\s+\\d+)?$");
    /** An OpenMetrics exemplar after a sample (a trace's id beside a histogram bucket, say). */
    private static final Pattern EXEMPLAR = Pattern.compile("\\s+#\\s+\\{[^}]*}\\s+\\S+(\\s+\\S+)?$");

    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    /** A sample: its metric name, labels and value. */
    public record Sample(String name, Map<String, String> labels, double value) {}

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Map<String, List<Sample>> byName = new LinkedHashMap<>();

    private MetricsScrape() {}

    /** Scrapes {@code /q/metrics} of the service at {@code base} as Prometheus does: with no credential. */
    public static MetricsScrape of(URI base) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(base.resolve("/q/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET /q/metrics answered " + response.statusCode());
            }
            return parse(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Parses a scrape's text; a line that is not a comment or a sample fails, as it would for Prometheus. */
    public static MetricsScrape parse(String text) {
        MetricsScrape scrape = new MetricsScrape();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(EXEMPLAR.matcher(line.strip()).replaceFirst(""));
            if (!m.matches()) {
                throw new IllegalArgumentException("not a Prometheus sample: " + line);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(3) != null) {
                Matcher label = LABEL.matcher(m.group(3));
                while (label.find()) {
                    labels.put(
                            label.group(1), label.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
                }
            }
            scrape.byName
                    .computeIfAbsent(m.group(1), n -> new ArrayList<>())
                    .add(new Sample(m.group(1), labels, Double.parseDouble(m.group(4))));
        }
        return scrape;
    }

    /** The names of every series in the scrape. */
    public Set<String> names() {
        return new LinkedHashSet<>(byName.keySet());
    }

    /**
     * The sum of the series named {@code name} whose labels include {@code labels}; 0 when none has
     * them (a counter with those tags not yet incremented is, to a rate, zero). {@link #names} tells
     * whether a series exists at all.
     */
    public double value(String name, Map<String, String> labels) {
        return byName.getOrDefault(name, List.of()).stream()
                .filter(s -> s.labels().entrySet().containsAll(labels.entrySet()))
                .mapToDouble(Sample::value)
                .sum();
    }

    /** Whether some series named {@code name} has labels including {@code labels}. */
    public boolean has(String name, Map<String, String> labels) {
        return byName.getOrDefault(name, List.of()).stream()
                .anyMatch(s -> s.labels().entrySet().containsAll(labels.entrySet()));
    }

    public double value(String name) {
        return value(name, Map.of());
    }
}
