package org.advocacyalerts.api.access;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.advocacyalerts.support.Jdbc;

/**
 * API keys in the access database ({@code quarkus.datasource.access}), which both services point at:
 * a key created on one works on the other. Keys are kept as hashes only.
 */
@ApplicationScoped
public class ApiKeyStore {

    /** The access datasource's name in configuration. */
    public static final String DATASOURCE = "access";

    private static final String COLUMNS =
            "id, name, role, owner, source_ids, created_at, expires_at, revoked_at, last_used_at";

    private final AgroalDataSource dataSource;

    ApiKeyStore(@DataSource(DATASOURCE) AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void insert(ApiKey key, String tokenHash) {
        Jdbc.inTransaction(dataSource, c -> insert(c, key, tokenHash));
    }

    private static int insert(Connection c, ApiKey key, String tokenHash) throws SQLException {
        return Jdbc.update(
                c,
                "INSERT INTO access.api_key (id, name, role, owner, source_ids, token_hash, created_at, expires_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                key.id(),
                key.name(),
                key.role(),
                key.owner(),
                c.createArrayOf("text", key.sourceIds().toArray()),
                tokenHash,
                key.createdAt(),
                key.expiresAt());
    }

    /** The key whose secret hashes to {@code tokenHash}, revoked or expired ones included. */
    public Optional<ApiKey> findByHash(String tokenHash) {
        return Jdbc.inTransaction(
                        dataSource,
                        c -> Jdbc.query(
                                c, "SELECT " + COLUMNS + " FROM access.api_key WHERE token_hash = ?", ROW, tokenHash))
                .stream()
                .findFirst();
    }

    public Optional<ApiKey> find(String id) {
        return Jdbc.inTransaction(
                        dataSource,
                        c -> Jdbc.query(c, "SELECT " + COLUMNS + " FROM access.api_key WHERE id = ?", ROW, id))
                .stream()
                .findFirst();
    }

    /** Up to {@code limit} keys with ids after {@code after} (a cursor: the last id of the page before). */
    public List<ApiKey> page(String after, int limit) {
        return Jdbc.inTransaction(
                dataSource,
                c -> Jdbc.query(
                        c,
                        "SELECT " + COLUMNS + " FROM access.api_key WHERE id > ? ORDER BY id LIMIT ?",
                        ROW,
                        after == null ? "" : after,
                        limit));
    }

    /** Returns false when there is no such key or it was revoked already. */
    public boolean revoke(String id, Instant at) {
        return Jdbc.inTransaction(
                dataSource,
                c -> Jdbc.update(
                                c,
                                "UPDATE access.api_key SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                                at,
                                id)
                        == 1);
    }

    /** Records when keys were last used; an older time never replaces a newer one. */
    public void touch(Map<String, Instant> lastUsed) {
        if (lastUsed.isEmpty()) {
            return;
        }
        Jdbc.inTransaction(dataSource, c -> {
            for (Map.Entry<String, Instant> use : lastUsed.entrySet()) {
                Jdbc.update(
                        c,
                        "UPDATE access.api_key SET last_used_at = greatest(last_used_at, ?) WHERE id = ?",
                        use.getValue(),
                        use.getKey());
            }
            return null;
        });
    }

    /**
     * Adds {@code key} unless a valid admin key exists already, under a lock so that replicas starting
     * together add one. Returns whether it was added.
     */
    public boolean insertIfNoAdmin(ApiKey key, String tokenHash, Instant now) {
        return Jdbc.inTransaction(dataSource, c -> {
            Jdbc.update(c, "LOCK TABLE access.api_key IN SHARE ROW EXCLUSIVE MODE");
            boolean anyAdmin = !Jdbc.query(
                            c,
                            "SELECT 1 FROM access.api_key WHERE role = 'admin' AND revoked_at IS NULL"
                                    + " AND (expires_at IS NULL OR expires_at > ?) LIMIT 1",
                            rs -> 1,
                            now)
                    .isEmpty();
            return !anyAdmin && insert(c, key, tokenHash) == 1;
        });
    }

    /** Adds the key unless one with its hash exists (a configured key, added at every start). */
    public boolean insertIfAbsent(ApiKey key, String tokenHash) {
        return Jdbc.inTransaction(dataSource, c -> {
            if (!Jdbc.query(c, "SELECT 1 FROM access.api_key WHERE token_hash = ?", rs -> 1, tokenHash)
                    .isEmpty()) {
                return false;
            }
            return insert(c, key, tokenHash) == 1;
        });
    }

    private static final Jdbc.RowMapper<ApiKey> ROW = rs -> new ApiKey(
            rs.getString("id"),
            rs.getString("name"),
            rs.getString("role"),
            rs.getString("owner"),
            Arrays.asList((String[]) rs.getArray("source_ids").getArray()),
            instant(rs.getTimestamp("created_at")),
            instant(rs.getTimestamp("expires_at")),
            instant(rs.getTimestamp("revoked_at")),
            instant(rs.getTimestamp("last_used_at")),
            null);

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
