package org.advocacyalerts.api.limits;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HexFormat;
import java.util.OptionalLong;
import org.advocacyalerts.model.Sha256;

/**
 * The per-address and per-credential request limits, in front of {@code /api}, {@code /email} and the
 * staff console {@code /admin} (its sign-in takes keys: a flood of guesses is stopped here); health and
 * metrics are never limited. Runs before authentication: a flood of made-up credentials
 * costs no database reads once its address is over its limit.
 */
@ApplicationScoped
public class RequestLimits {

    private final RateLimiter limiter;
    private final LimitsConfig config;

    RequestLimits(RateLimiter limiter, LimitsConfig config) {
        this.limiter = limiter;
        this.config = config;
    }

    void install(@Observes Router router) {
        if (!config.enabled()) {
            return;
        }
        // Before the application's routes (order 0 and up); only /api, /email and /admin.
        router.routeWithRegex("/(api|email|admin)(/.*)?").order(-100).handler(this::check);
    }

    private void check(RoutingContext context) {
        String address = context.request().remoteAddress() == null
                ? "unknown"
                : context.request().remoteAddress().hostAddress();
        OptionalLong wait = limiter.take("address:" + address, config.perAddress(), config.perAddressBurst());
        String authorization = context.request().getHeader("Authorization");
        if (wait.isEmpty() && authorization != null) {
            wait = limiter.take(
                    "credential:" + fingerprint(authorization), config.perCredential(), config.perCredentialBurst());
        }
        if (wait.isPresent()) {
            tooMany(context.response(), wait.getAsLong(), "too many requests from this client; wait and send again");
            return;
        }
        context.next();
    }

    /** 429 as an RFC 9457 problem, with {@code Retry-After}. */
    static void tooMany(HttpServerResponse response, long retryAfter, String detail) {
        response.setStatusCode(429)
                .putHeader("Content-Type", "application/problem+json")
                .putHeader("Retry-After", String.valueOf(retryAfter))
                .end("{\"type\":\"about:blank\",\"title\":\"Too Many Requests\",\"status\":429,\"detail\":\"" + detail
                        + "\"}");
    }

    /** The credential's bucket is named by a hash: no credential is kept in memory as it was sent. */
    private static String fingerprint(String authorization) {
        return HexFormat.of().formatHex(Sha256.of(authorization), 0, 16);
    }
}
