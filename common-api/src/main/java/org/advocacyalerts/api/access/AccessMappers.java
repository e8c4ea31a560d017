package org.advocacyalerts.api.access;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.advocacyalerts.api.Problem;

/** 401 and 403 as problem bodies that say what to send, instead of empty answers. */
public final class AccessMappers {

    private AccessMappers() {}

    static Response unauthorized(String detail) {
        return Response.fromResponse(Problem.of(401, "Unauthorized", detail).toResponse())
                .header("WWW-Authenticate", "Bearer")
                .build();
    }

    /** No credential on an endpoint that needs one. */
    @Provider
    public static class Unauthorized implements ExceptionMapper<UnauthorizedException> {
        @Override
        public Response toResponse(UnauthorizedException e) {
            return unauthorized("send an API key or an identity provider's token: Authorization: Bearer <token>");
        }
    }

    /** A credential that is unknown, revoked, expired, or a token the identity provider did not sign. */
    @Provider
    public static class Failed implements ExceptionMapper<AuthenticationFailedException> {
        @Override
        public Response toResponse(AuthenticationFailedException e) {
            return unauthorized("the credential is unknown, revoked or expired");
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
