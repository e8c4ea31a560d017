package org.advocacyalerts.api.access;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Who may call the services: the first admin key, how fast revocations spread, OIDC claim names. */
@ConfigMapping(prefix = "alerts.access")
public interface AccessConfig {

    /**
     * An admin key ({@code aa_} and 43 more characters) added at every start unless it exists: how an
     * operator gets in on a new installation. Revoking it by the API sticks while its value is unchanged.
     */
    Optional<String> adminKey();

    /**
     * When no admin key is configured and none exists, one is generated and written here (mode 600),
     * never to the log.
     */
    @WithDefault("admin-token")
    Path adminKeyFile();

    /**
     * How long a replica trusts what it read of a key: a key revoked on another replica stops working
     * there within this time (the replica that revoked it forgets at once). Keys are checked against the
     * database at most once per this interval, not on every request.
     */
    @WithDefault("30s")
    Duration cacheTtl();

    /** How often the time each key was last used is written to the database. */
    @WithDefault("30s")
    Duration lastUsedFlush();

    Oidc oidc();

    /** Claims of the identity provider's tokens (roles: {@code quarkus.oidc.roles.role-claim-path}). */
    interface Oidc {
        /** On with {@code quarkus.oidc.auth-server-url} set: tokens of that provider are accepted too. */
        @WithDefault("false")
        boolean enabled();

        /** The claim naming an integrator's tenant; without it, the token's subject is the tenant. */
        @WithDefault("tenant")
        String tenantClaim();

        /** The claim listing a publisher's source ids. */
        @WithDefault("sources")
        String sourcesClaim();
    }
}
