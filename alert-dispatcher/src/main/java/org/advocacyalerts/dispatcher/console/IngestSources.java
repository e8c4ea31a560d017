package org.advocacyalerts.dispatcher.console;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.advocacyalerts.dispatcher.config.DispatcherConfig;

/**
 * statement-ingest's sources, through its API, with the signed-in admin's own key: ingest checks it and
 * its audit log names the admin. Fails with a message in an operator's words when ingest does not answer
 * as expected.
 */
@ApplicationScoped
public class IngestSources {

    /** A source as the console shows it (the fields of ingest's {@code Source} it needs). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Source(String id, String name, String url, int pollIntervalSeconds, Status status) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Status(
            Instant lastPollAt,
            Instant lastSuccessAt,
            String lastError,
            int consecutiveFailures,
            Instant nextPollAt,
            long itemsSeen) {}

    /** statement-ingest did not answer, or not as expected. */
    public static class Unavailable extends RuntimeException {
        Unavailable(String message) {
            super(message);
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final String base;
    private final ObjectMapper json;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    IngestSources(DispatcherConfig config, ObjectMapper json) {
        this.base = config.console().ingestUrl().replaceFirst("/+$", "");
        this.json = json;
    }

    /** Every source (ingest pages them by 500: the console shows the first 500). */
    public List<Source> list(String key) {
        HttpResponse<byte[]> answer = send(
                key,
                HttpRequest.newBuilder(URI.create(base + "/api/sources?limit=500"))
                        .GET());
        try {
            return json.readValue(answer.body(), new TypeReference<List<Source>>() {});
        } catch (IOException e) {
            throw new Unavailable("statement-ingest's list of sources could not be read: " + e.getMessage());
        }
    }

    /** Asks ingest to poll the source now (it answers at once and polls in the background). */
    public void pollNow(String key, String sourceId) {
        send(
                key,
                HttpRequest.newBuilder(URI.create(base + "/api/sources/"
                                + URLEncoder.encode(sourceId, StandardCharsets.UTF_8)
                                        .replace("+", "%20") + "/poll"))
                        .POST(HttpRequest.BodyPublishers.noBody()));
    }

    private HttpResponse<byte[]> send(String key, HttpRequest.Builder request) {
        HttpResponse<byte[]> answer;
        try {
            answer = http.send(
                    request.timeout(TIMEOUT)
                            .header("Authorization", "Bearer " + key)
                            .header("Accept", "application/json")
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new Unavailable("statement-ingest (" + base + ") did not answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while waiting for statement-ingest");
        }
        if (answer.statusCode() / 100 != 2) {
            throw new Unavailable("statement-ingest answered " + answer.statusCode() + ": "
                    + new String(answer.body(), StandardCharsets.UTF_8)
                            .lines()
                            .findFirst()
                            .orElse(""));
        }
        return answer;
    }
}
