package org.advocacyalerts.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Where a page of a newest-first list ends: the time and id of its last row, as an opaque token. The
 * next page is {@code ?before=<token>}; its address is in the answer's {@code Link: <…>; rel="next"}
 * header (RFC 8288) when the page was full, so the body stays the plain list it always was.
 */
public record Cursor(Instant at, UUID id) {

    public String token() {
        long micros = Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000L);
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((micros + "." + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor of {@code ?before=}; null when absent; 400 when it is not one this service made. */
    public static Cursor parse(String field, String token) {
        if (token == null) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\.", 2);
            long micros = Long.parseLong(parts[0]);
            return new Cursor(
                    Instant.ofEpochSecond(
                            Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L),
                    UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw ProblemException.invalid(field, "must be the cursor of a Link rel=\"next\" header of this list");
        }
    }

    /** 200 with the page, and the next page's link when the page is full. */
    public static <T> Response page(List<T> rows, int limit, UriInfo uri, Function<T, Cursor> cursorOf) {
        return page(rows, limit, uri, "before", row -> cursorOf.apply(row).token());
    }

    /**
     * 200 with the page and, when it is full, {@code Link: <…>; rel="next"}: this request's address with
     * {@code param} set to what {@code next} gives for the page's last row.
     */
    public static <T> Response page(List<T> rows, int limit, UriInfo uri, String param, Function<T, Object> next) {
        Response.ResponseBuilder answer = Response.ok(rows);
        if (rows.size() == limit && !rows.isEmpty()) {
            String address = uri.getRequestUriBuilder()
                    .replaceQueryParam(param, next.apply(rows.get(rows.size() - 1)))
                    .build()
                    .toString();
            answer.header("Link", "<" + address + ">; rel=\"next\"");
        }
        return answer.build();
    }
}
