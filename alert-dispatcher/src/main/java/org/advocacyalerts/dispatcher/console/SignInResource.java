package org.advocacyalerts.dispatcher.console;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.advocacyalerts.api.access.AccessMappers;
import org.advocacyalerts.api.access.ApiKey;
import org.advocacyalerts.api.access.ApiKeyVerifier;
import org.advocacyalerts.api.access.Roles;
import org.advocacyalerts.dispatcher.web.FormTokens;

/**
 * Signing in to the staff console with an admin key: the key is checked once here, then travels sealed
 * in the session cookie ({@link StaffSessions}); it is never stored by the service. Any key that is not
 * a valid admin key is refused with the same words, whatever it is.
 */
@Path(AccessMappers.CONSOLE)
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class SignInResource {

    /** Why a browser was sent to sign in, in a staff member's words. */
    private static final Map<String, String> WHY = Map.of(
            "signed-out", "Sign in to use the staff console.",
            "expired", "Your session ended, or its key was revoked. Sign in again.",
            "bye", "You are signed out.");

    private final ApiKeyVerifier keys;
    private final StaffSessions sessions;
    private final ConsolePages pages;
    private final Template signIn;

    SignInResource(
            ApiKeyVerifier keys,
            StaffSessions sessions,
            ConsolePages pages,
            @Location("admin/sign-in.html") Template signIn) {
        this.keys = keys;
        this.sessions = sessions;
        this.pages = pages;
        this.signIn = signIn;
    }

    @GET
    @Path("/sign-in")
    public Response show(@QueryParam("why") String why, @CookieParam(FormTokens.COOKIE) String formCookie) {
        return pages.render(
                200, signIn.data("notice", why == null ? null : WHY.get(why)).data("error", null), formCookie);
    }

    @POST
    @Path("/sign-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(
            @FormParam("key") String key,
            @FormParam(FormTokens.FIELD) String token,
            @CookieParam(FormTokens.COOKIE) String formCookie) {
        if (!pages.fromOurPage(formCookie, token)) {
            return pages.formRefused();
        }
        Optional<ApiKey> admin = Optional.ofNullable(key)
                .map(String::strip)
                .flatMap(keys::verify)
                .filter(k -> Roles.ADMIN.equals(k.role()));
        if (admin.isEmpty()) {
            return pages.render(
                    401,
                    signIn.data("notice", null)
                            .data(
                                    "error",
                                    "That is not a valid admin key (unknown, revoked, expired, or of"
                                            + " another role)."),
                    formCookie);
        }
        return Response.seeOther(URI.create(AccessMappers.CONSOLE))
                .cookie(sessions.start(key.strip()))
                .build();
    }

    @POST
    @Path("/sign-out")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signOut(
            @FormParam(FormTokens.FIELD) String token, @CookieParam(FormTokens.COOKIE) String formCookie) {
        if (!pages.fromOurPage(formCookie, token)) {
            return pages.formRefused();
        }
        return Response.seeOther(URI.create(AccessMappers.CONSOLE_SIGN_IN + "?why=bye"))
                .cookie(sessions.end())
                .build();
    }
}
