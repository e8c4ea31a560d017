package org.advocacyalerts.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.stream.Collectors;
import org.advocacyalerts.support.Jdbc;
import org.jboss.logging.Logger;

/** Turns every failure of a request into an RFC 9457 problem body instead of an HTML or empty page. */
public final class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private ProblemMappers() {}

    @Provider
    public static class ProblemExceptionMapper implements ExceptionMapper<ProblemException> {
        @Override
        public Response toResponse(ProblemException e) {
            return e.problem().toResponse();
        }
    }

    /**
     * The database is unreachable or failing: 503 with {@code Retry-After}, so a client sends the same
     * request again shortly. Nothing was stored (the transaction rolled back), so a retry stores it once.
     */
    @Provider
    public static class DataAccessMapper implements ExceptionMapper<Jdbc.DataAccessException> {

        /** Long enough for a fail-over or a restart to make progress, short enough for an alert. */
        static final int RETRY_AFTER_SECONDS = 5;

        @Override
        public Response toResponse(Jdbc.DataAccessException e) {
            LOG.warnf("database unavailable, answered 503: %s", e.getMessage());
            return Response.fromResponse(Problem.of(
                                    503,
                                    "Service Unavailable",
                                    "the database is unavailable; nothing was stored, send the request again")
                            .toResponse())
                    .header("Retry-After", RETRY_AFTER_SECONDS)
                    .build();
        }
    }

    /** Malformed JSON, wrong types, invalid UTF-8: the client's fault, said in plain words. */
    @Provider
    public static class JsonMapper implements ExceptionMapper<JsonProcessingException> {
        @Override
        public Response toResponse(JsonProcessingException e) {
            return jsonProblem(e);
        }
    }

    /** Takes precedence over the framework's own mapper for this subtype, which answers plain JSON. */
    @Provider
    public static class JsonMismatchMapper implements ExceptionMapper<MismatchedInputException> {
        @Override
        public Response toResponse(MismatchedInputException e) {
            return jsonProblem(e);
        }
    }

    /** 404, 405, 406, 413, 415 raised by the framework keep their status and get a problem body. */
    @Provider
    public static class WebApplicationMapper implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            if (e.getCause() instanceof JsonProcessingException json) {
                return jsonProblem(json); // the framework wraps body parse failures
            }
            int status = e.getResponse().getStatus();
            if (status >= 500) {
                LOG.errorf(e, "request failed with %d", status);
            }
            Response.Status known = Response.Status.fromStatusCode(status);
            return Problem.of(status, known != null ? known.getReasonPhrase() : "Error", e.getMessage())
                    .toResponse();
        }
    }

    static Response jsonProblem(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."))
                    .replace(".[", "[");
            return Problem.invalid(List.of(new Problem.FieldError(field, describe(mapping))))
                    .toResponse();
        }
        return Problem.of(400, "Malformed JSON", "the request body is not valid JSON: " + e.getOriginalMessage())
                .toResponse();
    }

    private static String describe(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return "is not a known field";
        }
        if (e instanceof InvalidFormatException format) {
            return "has an invalid value '" + format.getValue() + "'";
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "must be " + article(mismatch.getTargetType().getSimpleName());
        }
        return "is invalid";
    }

    private static String article(String type) {
        return switch (type) {
            case "String" -> "a string";
            case "List" -> "an array";
            case "Instant" -> "an ISO-8601 instant";
            default -> "of type " + type;
        };
    }
}
