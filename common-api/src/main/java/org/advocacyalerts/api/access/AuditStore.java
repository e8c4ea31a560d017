package org.advocacyalerts.api.access;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.advocacyalerts.support.Jdbc;

/** The audit log in the access database, shared by both services. */
@ApplicationScoped
public class AuditStore {

    /** One change, as {@code GET /api/audit} shows it. */
    public record Entry(
            long id,
            Instant at,
            String actor,
            String role,
            String tenant,
            String service,
            String action,
            int status,
            String requestId,
            JsonNode before,
            JsonNode after) {}

    /** Fields that could hold a secret are never written, whatever a resource hands over. */
    static final Set<String> SECRET_FIELDS = Set.of("secret", "previousSecret", "key", "token", "password");

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    AuditStore(@DataSource(ApiKeyStore.DATASOURCE) AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    public void insert(Entry entry) {
        Jdbc.inTransaction(
                dataSource,
                c -> Jdbc.update(
                        c,
                        "INSERT INTO access.audit (at, actor, role, tenant, service, action, status, request_id,"
                                + " before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)",
                        entry.at(),
                        entry.actor(),
                        entry.role(),
                        entry.tenant(),
                        entry.service(),
                        entry.action(),
                        entry.status(),
                        entry.requestId(),
                        text(entry.before()),
                        text(entry.after())));
    }

    /** The state as JSON with every secret-looking field removed. */
    public JsonNode scrubbed(Object state) {
        if (state == null) {
            return null;
        }
        JsonNode node = json.valueToTree(state);
        scrub(node);
        return node;
    }

    private static void scrub(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove(SECRET_FIELDS);
            object.forEach(AuditStore::scrub);
        } else if (node != null && node.isArray()) {
            node.forEach(AuditStore::scrub);
        }
    }

    /** Newest first: up to {@code limit} entries with ids below {@code before} (a cursor; null: the newest). */
    public List<Entry> page(Long before, int limit) {
        return Jdbc.inTransaction(
                dataSource,
                c -> Jdbc.query(
                        c,
                        "SELECT id, at, actor, role, tenant, service, action, status, request_id, before, after"
                                + " FROM access.audit WHERE id < ? ORDER BY id DESC LIMIT ?",
                        rs -> new Entry(
                                rs.getLong(1),
                                rs.getTimestamp(2).toInstant(),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getString(6),
                                rs.getString(7),
                                rs.getInt(8),
                                rs.getString(9),
                                parse(rs.getString(10)),
                                parse(rs.getString(11))),
                        before == null ? Long.MAX_VALUE : before,
                        limit));
    }

    private String text(JsonNode node) {
        return node == null ? null : node.toString();
    }

    private JsonNode parse(String text) {
        try {
            return text == null ? null : json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit entry not JSON", e);
        }
    }
}
