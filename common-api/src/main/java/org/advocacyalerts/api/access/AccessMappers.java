package org.advocacyalerts.api.access;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;
import org.advocacyalerts.api.Problem;

/**
 * 401 and 403 as problem bodies that say what to send, instead of empty answers; a page of a staff
 * console ({@code /admin…}) sends a browser without a valid session to its sign-in page instead.
 */
public final class AccessMappers {

    /** Where a service's staff console lives, and where its sign-in page is. */
    public static final String CONSOLE = "/admin";

    public static final String CONSOLE_SIGN_IN = CONSOLE + "/sign-in";

    private AccessMappers() {}

    /**
     * To the console's sign-in page, for a browser on a console page; else empty (a client that sent a
     * credential in the header gets the API's 401).
     */
    static Optional<Response> toSignIn(UriInfo uri, HttpHeaders headers, String why) {
        String path = "/" + uri.getPath().replaceFirst("^/+", "");
        if (headers.getHeaderString(HttpHeaders.AUTHORIZATION) != null
                || (!path.equals(CONSOLE) && !path.startsWith(CONSOLE + "/"))) {
            return Optional.empty();
        }
        return Optional.of(Response.seeOther(UriBuilder.fromPath(CONSOLE_SIGN_IN)
                        .queryParam("why", why)
                        .build())
                .build());
    }

    static Response unauthorized(String detail) {
        return Response.fromResponse(Problem.of(401, "Unauthorized", detail).toResponse())
                .header("WWW-Authenticate", "Bearer")
                .build();
    }

    /** No credential on an endpoint that needs one. */
    @Provider
    public static class Unauthorized implements ExceptionMapper<UnauthorizedException> {
        @Context
        UriInfo uri;

        @Context
        HttpHeaders headers;

        @Override
        public Response toResponse(UnauthorizedException e) {
            return toSignIn(uri, headers, "signed-out")
                    .orElseGet(() -> unauthorized(
                            "send an API key or an identity provider's token: Authorization: Bearer <token>"));
        }
    }

    /** A credential that is unknown, revoked, expired, or a token the identity provider did not sign. */
    @Provider
    public static class Failed implements ExceptionMapper<AuthenticationFailedException> {
        @Context
        UriInfo uri;

        @Context
        HttpHeaders headers;

        @Override
        public Response toResponse(AuthenticationFailedException e) {
            return toSignIn(uri, headers, "expired")
                    .orElseGet(() -> unauthorized("the credential is unknown, revoked or expired"));
        }
    }

    /** A valid credential whose role does not allow this endpoint. */
    @Provider
    public static class Forbidden implements ExceptionMapper<ForbiddenException> {
        @Override
        public Response toResponse(ForbiddenException e) {
            return Problem.of(403, "Forbidden", "your credential's role does not allow this request")
                    .toResponse();
        }
    }
}
