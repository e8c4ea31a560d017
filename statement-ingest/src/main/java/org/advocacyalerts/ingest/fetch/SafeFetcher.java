package org.advocacyalerts.ingest.fetch;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.advocacyalerts.support.AddressPolicy;
import org.advocacyalerts.support.GuardedDnsResolver;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * GETs a feed or page from a URL nobody vetted, safely: the host must resolve to addresses the
 * {@link AddressPolicy} allows (checked in the resolver the client connects with, so the address
 * checked is the address connected to, whatever the DNS says next time); at most {@code maxRedirects}
 * redirects, each to http(s) and checked again; connect and read timeouts and a total deadline (a
 * server that drips a byte a second is cut off); the body, decompressed, is read up to
 * {@code maxBytes} and no further. Conditional GET: a 304 is {@link Fetched#notModified()}.
 * Thread-safe; one instance per service.
 */
public final class SafeFetcher implements Closeable {

    /** What one fetch may cost. */
    public record Limits(
            Duration connectTimeout, Duration readTimeout, Duration deadline, long maxBytes, int maxRedirects) {

        /** 5 s to connect, 10 s between bytes, 30 s in all, 5 MB, 5 redirects. */
        public static final Limits DEFAULT =
                new Limits(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), 5L << 20, 5);
    }

    /** Validators from the previous fetch, sent back so an unchanged resource costs a 304. */
    public record Validators(String etag, String lastModified) {
        public static final Validators NONE = new Validators(null, null);
    }

    /**
     * A fetched resource. {@code body} is empty when not modified; {@code contentType} is the header as
     * sent (its charset parameter, if any, is the declared charset).
     */
    public record Fetched(
            int status, URI uri, byte[] body, String contentType, Validators validators, boolean notModified) {}

    private static final String USER_AGENT =
            "AdvocacyAlerts/1.0 (statement-ingest; +https://github.com/advocacy-alerts)";

    private final Limits limits;
    private final Clock clock;
    private final PoolingHttpClientConnectionManager connections;
    private final CloseableHttpClient client;
    private final ScheduledExecutorService watchdog;

    public SafeFetcher(AddressPolicy policy, Limits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
        this.connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(new GuardedDnsResolver(policy))
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(limits.connectTimeout()))
                        .setSocketTimeout(Timeout.of(limits.readTimeout()))
                        .build())
                .setMaxConnTotal(64)
                .setMaxConnPerRoute(4)
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(connections)
                .disableRedirectHandling() // followed here, each hop checked
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent(USER_AGENT)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(limits.readTimeout()))
                        .setConnectionRequestTimeout(Timeout.of(limits.deadline()))
                        .setContentCompressionEnabled(true) // gzip and deflate, counted after decoding
                        .build())
                .build();
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fetch-deadline");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * @param accept the Accept header (what the caller can read)
     * @throws FetchException with a message a source's owner can act on
     */
    public Fetched get(URI uri, Validators validators, String accept) throws FetchException {
        Instant deadline = clock.instant().plus(limits.deadline());
        URI current = checkScheme(uri, uri);
        for (int redirects = 0; ; redirects++) {
            HttpGet request = new HttpGet(current);
            request.setHeader("Accept", accept);
            if (validators.etag() != null) {
                request.setHeader("If-None-Match", validators.etag());
            }
            if (validators.lastModified() != null) {
                request.setHeader("If-Modified-Since", validators.lastModified());
            }
            long left = Duration.between(clock.instant(), deadline).toMillis();
            if (left <= 0) {
                throw deadlineExceeded(0);
            }
            ScheduledFuture<?> cancel = watchdog.schedule(request::cancel, left, TimeUnit.MILLISECONDS);
            final URI at = current;
            final int hops = redirects;
            Object outcome;
            try {
                outcome = client.execute(request, response -> {
                    try {
                        return handle(response, request, at, uri, hops, validators, deadline);
                    } catch (FetchException e) {
                        request.cancel(); // never read the rest of a refused answer: drop the connection
                        throw new Refused(e);
                    }
                });
            } catch (Refused e) {
                throw e.reason;
            } catch (AddressPolicy.BlockedAddressException e) {
                throw new FetchException("refused: " + e.getMessage(), e);
            } catch (IOException e) {
                if (clock.instant().isAfter(deadline) || request.isCancelled()) {
                    throw deadlineExceeded(0);
                }
                throw new FetchException(describe(e, current), e);
            } finally {
                cancel.cancel(false);
            }
            if (outcome instanceof Fetched fetched) {
                return fetched;
            }
            current = (URI) outcome;
        }
    }

    /** A fetch refused while its answer was read (carried out of the client's response handler). */
    private static final class Refused extends RuntimeException {
        final FetchException reason;

        Refused(FetchException reason) {
            super(reason.getMessage(), null, false, false);
            this.reason = reason;
        }
    }

    /** The fetched resource, or the URI a redirect leads to. */
    private Object handle(
            ClassicHttpResponse response,
            HttpGet request,
            URI current,
            URI original,
            int redirects,
            Validators validators,
            Instant deadline)
            throws IOException, FetchException {
        int status = response.getCode();
        if (isRedirect(status)) {
            Header location = response.getFirstHeader("Location");
            if (location == null) {
                throw new FetchException("HTTP " + status + " redirect without a Location header");
            }
            if (redirects == limits.maxRedirects()) {
                throw new FetchException(
                        "more than " + limits.maxRedirects() + " redirects (last to " + location.getValue() + ")");
            }
            return checkScheme(original, resolve(current, location.getValue()));
        }
        if (status == 304) {
            return new Fetched(status, current, new byte[0], null, validators, true);
        }
        if (status < 200 || status > 299) {
            throw new FetchException("HTTP " + status + reason(response.getReasonPhrase()) + " from " + current);
        }
        Validators fresh = new Validators(header(response, "ETag"), header(response, "Last-Modified"));
        byte[] body = read(response.getEntity(), request, deadline);
        return new Fetched(status, current, body, header(response, "Content-Type"), fresh, false);
    }

    /**
     * Reads the body up to the limit and the deadline. Past either, the request is aborted before the
     * stream is closed: closing would otherwise read the rest to keep the connection.
     */
    private byte[] read(HttpEntity entity, HttpGet request, Instant deadline) throws IOException, FetchException {
        if (entity == null) {
            return new byte[0];
        }
        if (entity.getContentLength() > limits.maxBytes()) {
            throw tooLarge();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = entity.getContent()) {
            long total = 0;
            for (int n; (n = in.read(buffer)) != -1; ) {
                total += n;
                if (total > limits.maxBytes()) {
                    request.cancel();
                    throw tooLarge();
                }
                if (clock.instant().isAfter(deadline)) {
                    request.cancel();
                    throw deadlineExceeded(total);
                }
                out.write(buffer, 0, n);
            }
        } catch (InterruptedIOException | IllegalStateException e) {
            if (clock.instant().isAfter(deadline)) {
                throw deadlineExceeded(out.size());
            }
            throw e;
        }
        return out.toByteArray();
    }

    private FetchException tooLarge() {
        return new FetchException(
                "the response is larger than " + mb(limits.maxBytes()) + " (the limit); not read further");
    }

    private FetchException deadlineExceeded(long bytes) {
        return new FetchException("gave up after " + limits.deadline().toSeconds() + " s (the limit for one fetch)"
                + (bytes > 0 ? " with " + bytes + " bytes received" : ""));
    }

    private static String mb(long bytes) {
        return bytes % (1 << 20) == 0 ? (bytes >> 20) + " MB" : bytes + " bytes";
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static URI resolve(URI base, String location) throws FetchException {
        try {
            return base.resolve(location.strip());
        } catch (IllegalArgumentException e) {
            throw new FetchException("redirect to an unreadable location: " + location);
        }
    }

    private static URI checkScheme(URI original, URI uri) throws FetchException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new FetchException(
                    (uri == original ? "not an http(s) URL: " : "redirect to a non-http(s) URL refused: ") + uri);
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new FetchException("URL without a host: " + uri);
        }
        if (uri.getUserInfo() != null) {
            throw new FetchException(
                    "URLs with credentials are not fetched: " + uri.getScheme() + "://…@" + uri.getHost());
        }
        return uri;
    }

    private static String header(ClassicHttpResponse response, String name) {
        Header h = response.getFirstHeader(name);
        return h == null ? null : h.getValue();
    }

    private static String reason(String phrase) {
        return phrase == null || phrase.isBlank() ? "" : " " + phrase;
    }

    private static String describe(IOException e, URI uri) {
        if (e instanceof UnknownHostException) {
            return "host not found: " + uri.getHost();
        }
        if (e instanceof ConnectTimeoutException) {
            return "no connection to " + uri.getHost() + " within the connect timeout";
        }
        if (e instanceof HttpHostConnectException || e instanceof ConnectException) {
            return "connection refused by " + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        }
        if (e instanceof SocketTimeoutException) {
            return "the server at " + uri.getHost() + " stopped sending (read timeout)";
        }
        if (e instanceof SSLException) {
            return "TLS failed with " + uri.getHost() + ": " + e.getMessage();
        }
        return "fetching " + uri + " failed: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        try {
            client.close();
        } catch (IOException e) {
            // closing idle connections; nothing to keep
        }
        connections.close();
    }
}
