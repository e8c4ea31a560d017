package org.advocacyalerts.dispatcher.console;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.Set;
import org.advocacyalerts.api.access.AccessMappers;
import org.advocacyalerts.api.access.ApiKeyMechanism;

/**
 * Reads the staff console's session cookie ({@link StaffSessions}) on console pages, and checks the key
 * it holds as {@link ApiKeyMechanism} checks a key in the header: known, not revoked, not expired; the
 * pages then allow only the admin role. A request with an {@code Authorization} header is left to that
 * header's mechanism.
 */
@ApplicationScoped
public class StaffSessionMechanism implements HttpAuthenticationMechanism {

    private final StaffSessions sessions;

    StaffSessionMechanism(StaffSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String path = context.normalizedPath();
        if (!(path.equals(AccessMappers.CONSOLE) || path.startsWith(AccessMappers.CONSOLE + "/"))
                || context.request().getHeader(HttpHeaderNames.AUTHORIZATION) != null) {
            return Uni.createFrom().nullItem();
        }
        Optional<String> key = Optional.ofNullable(context.request().getCookie(StaffSessions.COOKIE))
                .map(Cookie::getValue)
                .flatMap(sessions::key);
        if (key.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        return identities.authenticate(
                HttpSecurityUtils.setRoutingContextAttribute(new ApiKeyMechanism.ApiKeyRequest(key.get()), context));
    }

    /** None of its own: the console's pages send a browser without a session to the sign-in page. */
    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().nullItem();
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiKeyMechanism.ApiKeyRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom()
                .item(new HttpCredentialTransport(HttpCredentialTransport.Type.COOKIE, StaffSessions.COOKIE));
    }

    /** Before the header's mechanisms: it steps aside at once off the console or with a header. */
    @Override
    public int getPriority() {
        return 3000;
    }
}
