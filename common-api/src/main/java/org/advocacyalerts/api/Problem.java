package org.advocacyalerts.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * An RFC 9457 problem details body ({@code application/problem+json}). {@code errors} names each bad
 * field of a request so a client can show the message next to the input.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid field: its JSON name and what is wrong with it, in plain language. */
    public record FieldError(String field, String message) {}

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, List.of());
    }

    public static Problem invalid(List<FieldError> errors) {
        return new Problem(
                "about:blank",
                "Invalid request",
                400,
                errors.size() == 1 ? "1 field is invalid" : errors.size() + " fields are invalid",
                List.copyOf(errors));
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
