package org.advocacyalerts.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Quarkus refuses a body over {@code quarkus.http.limits.max-body-size} with a bare 413. A request
 * that declares its too-large {@code Content-Length} gets the same problem body as every other error
 * from here, before a byte of it is read; a chunked one is still cut off by Quarkus at the limit.
 */
@ApplicationScoped
public class BodyTooLargeHandler {

    private static final int PAYLOAD_TOO_LARGE = 413;

    private final Optional<MemorySize> limit;
    private final ObjectMapper mapper;

    BodyTooLargeHandler(
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> limit,
            ObjectMapper mapper) {
        this.limit = limit;
        this.mapper = mapper;
    }

    void install(@Observes Router router) {
        // Before Quarkus' own size check, which runs at order -2.
        limit.ifPresent(max -> router.route().order(-10).handler(ctx -> check(ctx, max.asLongValue())));
    }

    private void check(RoutingContext ctx, long max) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null || !isLarger(length, max)) {
            ctx.next();
            return;
        }
        Problem problem = Problem.of(
                PAYLOAD_TOO_LARGE,
                "Payload too large",
                "the request body has " + length + " bytes; this API accepts at most " + max);
        try {
            ctx.response()
                    .setStatusCode(PAYLOAD_TOO_LARGE)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(mapper.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            ctx.next();
        }
    }

    private static boolean isLarger(String contentLength, long max) {
        try {
            return Long.parseLong(contentLength.trim()) > max;
        } catch (NumberFormatException e) {
            return false; // Quarkus answers a malformed Content-Length itself
        }
    }
}
