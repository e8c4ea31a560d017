package org.advocacyalerts.api.access;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * For a token of the organisation's identity provider: the tenant and the sources from its claims
 * ({@link AccessConfig.Oidc}), so endpoints treat it like an API key of the same role.
 */
@ApplicationScoped
public class OidcClaimsAugmentor implements SecurityIdentityAugmentor {

    private final AccessConfig config;

    OidcClaimsAugmentor(AccessConfig config) {
        this.config = config;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (!(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        Object tenant = token.getClaim(config.oidc().tenantClaim());
        Object sources = token.getClaim(config.oidc().sourcesClaim());
        return Uni.createFrom()
                .item(QuarkusSecurityIdentity.builder(identity)
                        .addAttribute(Caller.TENANT, tenant == null ? token.getSubject() : String.valueOf(tenant))
                        .addAttribute(Caller.SOURCES, strings(sources))
                        .addAttribute(Caller.CREDENTIAL, "token of " + token.getSubject())
                        .build());
    }

    /** A claim holding a JSON array of strings (or one string) as a set. */
    private static Set<String> strings(Object claim) {
        if (claim == null) {
            return Set.of();
        }
        if (claim instanceof JsonArray array) {
            return array.getValuesAs(JsonString.class).stream()
                    .map(JsonString::getString)
                    .collect(Collectors.toUnmodifiableSet());
        }
        if (claim instanceof Iterable<?> values) {
            Set<String> set = new HashSet<>();
            values.forEach(v -> set.add(String.valueOf(v)));
            return Set.copyOf(set);
        }
        return Set.of(String.valueOf(claim).replace("\"", ""));
    }
}
