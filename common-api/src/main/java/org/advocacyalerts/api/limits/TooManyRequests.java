package org.advocacyalerts.api.limits;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.advocacyalerts.api.Problem;

/** A limit was reached: 429 with {@code Retry-After} and a problem body saying which. */
public class TooManyRequests extends RuntimeException {

    private final long retryAfterSeconds;

    public TooManyRequests(String detail, long retryAfterSeconds) {
        super(detail, null, false, false);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** How long the caller should wait before trying again. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Provider
    public static class Mapper implements ExceptionMapper<TooManyRequests> {
        @Override
        public Response toResponse(TooManyRequests e) {
            return Response.fromResponse(
                            Problem.of(429, "Too Many Requests", e.getMessage()).toResponse())
                    .header("Retry-After", e.retryAfterSeconds())
                    .build();
        }
    }
}
