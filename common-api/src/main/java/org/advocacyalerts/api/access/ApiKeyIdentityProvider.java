package org.advocacyalerts.api.access;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/** Turns a valid API key into the caller's identity: its role, tenant and sources; an invalid one fails (401). */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyMechanism.ApiKeyRequest> {

    private final ApiKeyVerifier verifier;

    ApiKeyIdentityProvider(ApiKeyVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public Class<ApiKeyMechanism.ApiKeyRequest> getRequestType() {
        return ApiKeyMechanism.ApiKeyRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            ApiKeyMechanism.ApiKeyRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> verifier.verify(request.token())
                .map(ApiKeyIdentityProvider::identity)
                .orElseThrow(() -> new AuthenticationFailedException("unknown, revoked or expired API key")));
    }

    static SecurityIdentity identity(ApiKey key) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(key.owner()))
                .addRole(key.role())
                .addAttribute(Caller.TENANT, key.owner())
                .addAttribute(Caller.SOURCES, Set.copyOf(key.sourceIds()))
                .addAttribute(Caller.CREDENTIAL, "key " + key.id() + " (" + key.name() + ")")
                .build();
    }
}
