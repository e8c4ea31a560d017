package org.advocacyalerts.dispatcher.console;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
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
import org.advocacyalerts.dispatcher.config.DispatcherConfig;
import org.advocacyalerts.dispatcher.web.FormTokens;
import org.advocacyalerts.dispatcher.web.Pages;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Signing in to and out of the staff console. With an admin key: the key is checked once here, then
 * travels sealed in the session cookie ({@link StaffSessions}); it is never stored by the service, and
 * any key that is not a valid admin key is refused with the same words, whatever it is. With the
 * organisation's identity provider ({@code dispatcher.console.oidc}): Quarkus OIDC's code flow ends at
 * {@code /admin/sso}, its session cookie confined to the console.
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

    /** The identity provider's session cookie of the console's tenant (quarkus.oidc.console). */
    static final String PROVIDER_SESSION = "q_session_console";

    private final ApiKeyVerifier keys;
    private final StaffSessions sessions;
    private final Pages pages;
    private final SecurityIdentity identity;
    private final boolean withProvider;
    private final Template signIn;

    SignInResource(
            ApiKeyVerifier keys,
            StaffSessions sessions,
            Pages pages,
            SecurityIdentity identity,
            DispatcherConfig config,
            @Location("admin/sign-in.html") Template signIn) {
        this.keys = keys;
        this.sessions = sessions;
        this.pages = pages;
        this.identity = identity;
        this.withProvider = config.console().oidc();
        this.signIn = signIn;
    }

    /**
     * Where the identity provider sends staff back (the authorization-code flow ends here, signed in
     * with the provider's session cookie): on to the console if the account is an admin.
     */
    @GET
    @Path("/sso")
    @Authenticated // by the provider's code flow only (quarkus.http.auth.permission.console-sso)
    @Operation(hidden = true) // a browser's stop, not an API: ConsoleOidcTest proves who gets through
    public Response signedInWithProvider(@CookieParam(FormTokens.COOKIE) String formCookie) {
        if (!identity.hasRole(Roles.ADMIN)) {
            return pages.page(
                    403,
                    page(
                            null,
                            "Your account at the identity provider has no admin role: ask for it, or sign in"
                                    + " with an admin key."),
                    formCookie);
        }
        return Response.seeOther(URI.create(AccessMappers.CONSOLE)).build();
    }

    private TemplateInstance page(String notice, String error) {
        return signIn.data("notice", notice).data("error", error).data("withProvider", withProvider);
    }

    @GET
    @Path("/sign-in")
    public Response show(@QueryParam("why") String why, @CookieParam(FormTokens.COOKIE) String formCookie) {
        return pages.page(200, page(why == null ? null : WHY.get(why), null), formCookie);
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
            return pages.page(
                    401,
                    page(null, "That is not a valid admin key (unknown, revoked, expired, or of another role)."),
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
                .cookie(sessions.end(), sessions.expired(PROVIDER_SESSION))
                .build();
    }
}
