package org.advocacyalerts.dispatcher.delivery;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.advocacyalerts.dispatcher.config.DispatcherConfig;

/**
 * Delivers an alert as an HTTP POST signed per Standard Webhooks. Redirects are never followed (a
 * 3xx is a failure): following one would send the alert somewhere the subscriber did not register.
 */
@ApplicationScoped
public class WebhookSender implements AlertSender {

    static final String USER_AGENT = "AdvocacyAlerts-Webhooks/0.1";

    /** Answers whose Retry-After is honoured: the receiver is overloaded or its gateway is. */
    static final java.util.Set<Integer> RETRY_AFTER_STATUSES = java.util.Set.of(429, 502, 503, 504);

    private final DispatcherConfig config;
    private final Clock clock;
    private final HttpClient client;

    WebhookSender(DispatcherConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.client = HttpClient.newBuilder()
                .connectTimeout(config.webhook().connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @Override
    public String channel() {
        return "webhook";
    }

    @Override
    public DeliveryResult send(PendingAlert alert) {
        String messageId = alert.id().toString();
        long timestamp = clock.instant().getEpochSecond();
        long started = System.nanoTime();
        CompletableFuture<HttpResponse<String>> pending = null;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(alert.target()))
                    .timeout(config.webhook().requestTimeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", USER_AGENT)
                    .header("webhook-id", messageId)
                    .header("webhook-timestamp", String.valueOf(timestamp))
                    .header(
                            "webhook-signature",
                            WebhookSigner.sign(alert.secret(), messageId, timestamp, alert.payload()))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(alert.payload()))
                    .build();
            // The request timeout covers the headers only; the deadline covers a body that drips too.
            pending = client.sendAsync(
                    request, info -> new ExcerptBodySubscriber(config.webhook().responseExcerptChars()));
            HttpResponse<String> response =
                    pending.get(config.webhook().requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
            int status = response.statusCode();
            boolean ok = status >= 200 && status < 300;
            Log.debugf("webhook %s for alert %s answered %d", alert.subscriptionId(), messageId, status);
            // Standard Webhooks: a receiver may ask us to stop retrying one message.
            boolean abort = !ok
                    && response.headers()
                            .firstValue("webhook-delivery")
                            .map(v -> v.strip().equalsIgnoreCase("abort-message"))
                            .orElse(false);
            Duration retryAfter = RETRY_AFTER_STATUSES.contains(status)
                    ? RetryPolicy.parseRetryAfter(
                                    response.headers().firstValue("Retry-After").orElse(null), clock.instant())
                            .orElse(null)
                    : null;
            String error = ok ? null : abort ? "HTTP " + status + ", receiver aborted the message" : "HTTP " + status;
            return new DeliveryResult(ok, status, millisSince(started), error, response.body(), retryAfter, abort);
        } catch (TimeoutException e) {
            pending.cancel(true);
            return failure(
                    started,
                    "no complete answer within "
                            + config.webhook().requestTimeout().toSeconds() + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof HttpTimeoutException) {
                return failure(
                        started,
                        "no answer within " + config.webhook().requestTimeout().toSeconds() + " s");
            }
            return failure(started, cause.getClass().getSimpleName() + ": " + cause.getMessage());
        } catch (IllegalArgumentException e) {
            return failure(started, "invalid target: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failure(started, "interrupted");
        }
    }

    private static DeliveryResult failure(long started, String error) {
        return new DeliveryResult(false, null, millisSince(started), error, null);
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
