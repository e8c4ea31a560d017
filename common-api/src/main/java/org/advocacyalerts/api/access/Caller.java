package org.advocacyalerts.api.access;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;
import java.util.Set;

/**
 * Who is calling, in the terms endpoints decide by: an admin sees everything; anyone else is a tenant
 * that sees its own subscriptions and deliveries; a publisher posts for its own sources. The same for an
 * API key and for an identity provider's token ({@link OidcClaimsAugmentor}).
 */
@RequestScoped
public class Caller {

    static final String TENANT = "alerts.tenant";
    static final String SOURCES = "alerts.sources";
    static final String CREDENTIAL = "alerts.credential";

    private final SecurityIdentity identity;

    Caller(SecurityIdentity identity) {
        this.identity = identity;
    }

    public boolean admin() {
        return identity.hasRole(Roles.ADMIN);
    }

    /** The tenant whose data the caller may see; empty for an admin, who sees all of it. */
    public Optional<String> tenant() {
        if (admin() || identity.isAnonymous()) {
            return Optional.empty();
        }
        String tenant = identity.getAttribute(TENANT);
        return Optional.of(tenant == null ? identity.getPrincipal().getName() : tenant);
    }

    /** Whether the caller may see data owned by {@code ownerTenant} (null: an admin's own). */
    public boolean sees(String ownerTenant) {
        return admin() || tenant().map(t -> t.equals(ownerTenant)).orElse(false);
    }

    /** The tenant that owns what the caller creates: null for an admin. */
    public String ownerTenant() {
        return tenant().orElse(null);
    }

    /** Whether the caller may post statements of {@code sourceId}. */
    public boolean mayPublishFor(String sourceId) {
        if (admin()) {
            return true;
        }
        Set<String> sources = identity.getAttribute(SOURCES);
        return identity.hasRole(Roles.PUBLISHER) && sources != null && sources.contains(sourceId);
    }

    /** Names the caller in the audit log and in logs: which key or which token subject. */
    public String who() {
        if (identity.isAnonymous()) {
            return "anonymous";
        }
        String credential = identity.getAttribute(CREDENTIAL);
        return credential == null ? identity.getPrincipal().getName() : credential;
    }
}
