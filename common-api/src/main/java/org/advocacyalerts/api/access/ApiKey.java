package org.advocacyalerts.api.access;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * An API key as the API shows it: never its secret part, which only the answer that created it holds
 * ({@code key}). {@code owner} is who holds it, and for an integrator its tenant.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiKey(
        String id,
        String name,
        String role,
        String owner,
        List<String> sourceIds,
        Instant createdAt,
        Instant expiresAt,
        Instant revokedAt,
        Instant lastUsedAt,
        String key) {

    public ApiKey {
        sourceIds = sourceIds == null ? List.of() : List.copyOf(sourceIds);
    }

    /** Usable at {@code now}: not revoked and not expired. */
    public boolean validAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }

    public ApiKey withKey(String secret) {
        return new ApiKey(id, name, role, owner, sourceIds, createdAt, expiresAt, revokedAt, lastUsedAt, secret);
    }
}
