package org.advocacyalerts.dispatcher.delivery;

import io.opentelemetry.api.trace.Span;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.advocacyalerts.dispatcher.config.DispatcherConfig;
import org.advocacyalerts.dispatcher.secrets.SecretBox;
import org.advocacyalerts.model.TraceContext;
import org.advocacyalerts.support.AddressPolicy;
import org.advocacyalerts.support.GuardedDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * Delivers an alert as an HTTP POST signed per Standard Webhooks. Redirects are never followed (a
 * 3xx is a failure): following one would send the alert somewhere the subscriber did not register.
 * Connections go only to addresses the {@link AddressPolicy} allows, checked in the resolver the client
 * connects with (so after DNS rebinding too); a receiver gets {@code requestTimeout} for its whole
 * answer, enforced by a watchdog that aborts the request, so one that drips its body is cut off.
 */
@ApplicationScoped
public class WebhookSender implements AlertSender {

    static final String USER_AGENT = "AdvocacyAlerts-Webhooks/0.1";

    /** Answers whose Retry-After is honoured: the receiver is overloaded or its gateway is. */
    static final Set<Integer> RETRY_AFTER_STATUSES = Set.of(429, 502, 503, 504);

    private final DispatcherConfig config;
    private final Clock clock;
    private final SecretBox box;
    private final PoolingHttpClientConnectionManager connections;
    private final CloseableHttpClient client;
    private final ScheduledExecutorService watchdog;

    WebhookSender(DispatcherConfig config, Clock clock, SecretBox box) {
        this.config = config;
        this.clock = clock;
        this.box = box;
        DispatcherConfig.Webhook webhook = config.webhook();
        this.connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(new GuardedDnsResolver(AddressPolicy.parse(webhook.allowAddresses())))
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(webhook.connectTimeout()))
                        .setSocketTimeout(Timeout.of(webhook.requestTimeout()))
                        .build())
                .setMaxConnTotal(config.delivery().senders())
                // The per-endpoint limit is the worker's (by host, per replica): the pool allows every sender.
                .setMaxConnPerRoute(config.delivery().senders())
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(connections)
                .disableRedirectHandling()
                .disableAutomaticRetries() // retries are the delivery worker's, on its schedule
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .setUserAgent(USER_AGENT)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(webhook.requestTimeout()))
                        .setConnectionRequestTimeout(Timeout.of(webhook.requestTimeout()))
                        .build())
                .build();
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "webhook-deadline");
            t.setDaemon(true);
            return t;
        });
    }

    void close(@Observes ShutdownEvent event) throws IOException {
        watchdog.shutdownNow();
        client.close();
        connections.close();
    }

    @Override
    public String channel() {
        return "webhook";
    }

    /** An HTTP client span is named by its method. */
    @Override
    public String spanName() {
        return "POST";
    }

    /** The method, and the receiver's host and port (never its path or query, which may hold a token). */
    @Override
    public void describe(Span span, PendingAlert alert) {
        span.setAttribute("http.request.method", "POST");
        try {
            URI target = URI.create(alert.target());
            if (target.getHost() != null) {
                span.setAttribute("server.address", target.getHost())
                        .setAttribute(
                                "server.port",
                                target.getPort() >= 0
                                        ? target.getPort()
                                        : "https".equals(target.getScheme()) ? 443 : 80);
            }
        } catch (IllegalArgumentException e) {
            // an invalid target: the attempt records why
        }
    }

    @Override
    public DeliveryResult send(PendingAlert alert) {
        String messageId = alert.id().toString();
        long timestamp = clock.instant().getEpochSecond();
        long started = System.nanoTime();
        Duration limit = config.webhook().requestTimeout();
        HttpPost request;
        try {
            request = new HttpPost(URI.create(alert.target()));
        } catch (IllegalArgumentException e) {
            return failure(started, "invalid target: " + e.getMessage());
        }
        request.setHeader("webhook-id", messageId);
        request.setHeader("webhook-timestamp", String.valueOf(timestamp));
        // Secrets are stored sealed; opened here, for the moment of signing only.
        String context = WebhookSecrets.context(alert.subscriptionId());
        String signature = WebhookSigner.sign(box.open(alert.secret(), context), messageId, timestamp, alert.payload());
        if (alert.previousSecret() != null) {
            // During a rotation both secrets sign, space-separated: a receiver holding either verifies.
            signature += " "
                    + WebhookSigner.sign(
                            box.open(alert.previousSecret(), context), messageId, timestamp, alert.payload());
        }
        request.setHeader("webhook-signature", signature);
        String traceparent = TraceContext.current(); // W3C Trace Context: a receiver that traces joins the trace
        if (traceparent != null) {
            request.setHeader(TraceContext.TRACEPARENT, traceparent);
        }
        request.setEntity(new ByteArrayEntity(alert.payload(), ContentType.APPLICATION_JSON));
        ScheduledFuture<?> abort = watchdog.schedule(request::cancel, limit.toMillis(), TimeUnit.MILLISECONDS);
        try {
            DeliveryResult result;
            // Opened, not executed with a handler: that would read the whole answer to reuse the
            // connection; an answer longer than the excerpt is left unread and its connection closed.
            try (ClassicHttpResponse response = client.executeOpen(null, request, null)) {
                int status = response.getCode();
                boolean ok = status >= 200 && status < 300;
                Header delivery = response.getFirstHeader("webhook-delivery");
                // Standard Webhooks: a receiver may ask us to stop retrying one message.
                boolean abortMessage =
                        !ok && delivery != null && delivery.getValue().strip().equalsIgnoreCase("abort-message");
                Header retryAfterHeader = response.getFirstHeader("Retry-After");
                Duration retryAfter = RETRY_AFTER_STATUSES.contains(status) && retryAfterHeader != null
                        ? RetryPolicy.parseRetryAfter(retryAfterHeader.getValue(), clock.instant())
                                .orElse(null)
                        : null;
                String excerpt = response.getEntity() == null
                        ? null
                        : excerpt(response.getEntity().getContent());
                String error = ok
                        ? null
                        : abortMessage ? "HTTP " + status + ", receiver aborted the message" : "HTTP " + status;
                result = new DeliveryResult(ok, status, millisSince(started), error, excerpt, retryAfter, abortMessage);
            }
            Log.debugf("webhook %s for alert %s answered %s", alert.subscriptionId(), messageId, result.statusCode());
            return result;
        } catch (AddressPolicy.BlockedAddressException e) {
            return failure(started, "refused: " + e.getMessage());
        } catch (IOException e) {
            if (request.isCancelled() || e instanceof SocketTimeoutException) {
                return failure(started, "no complete answer within " + limit.toSeconds() + " s");
            }
            return failure(started, e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            abort.cancel(false);
        }
    }

    /**
     * The first characters of a receiver's answer, kept for debugging; the rest is not read (the
     * connection is then closed, not reused: an endless answer gets no more of our time).
     */
    private String excerpt(InputStream body) throws IOException {
        int limit = config.webhook().responseExcerptChars();
        byte[] kept = body.readNBytes(limit * 4); // UTF-8: at most 4 bytes a character
        String text = new String(kept, StandardCharsets.UTF_8);
        return text.length() > limit ? text.substring(0, limit) : text;
    }

    private static DeliveryResult failure(long started, String error) {
        return new DeliveryResult(false, null, millisSince(started), error, null);
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
