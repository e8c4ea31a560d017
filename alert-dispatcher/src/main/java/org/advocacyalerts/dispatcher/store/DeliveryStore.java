package org.advocacyalerts.dispatcher.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.advocacyalerts.api.Cursor;
import org.advocacyalerts.support.Jdbc;

/** Alerts as deliveries, with their attempts, for {@code /api/deliveries}. */
@ApplicationScoped
public class DeliveryStore {

    /** One delivery attempt as the API shows it: the first 1 KB of the receiver's answer. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Attempt(int attempt, Instant at, Integer statusCode, int latencyMs, String error, String response) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Delivery(
            UUID id,
            UUID statementId,
            UUID subscriptionId,
            List<String> topics,
            String status,
            int attempts,
            Instant createdAt,
            Instant nextAttemptAt,
            Instant deliveredAt,
            String lastError,
            List<Attempt> attemptLog) {}

    private static final String SELECT = "SELECT id, statement_id, subscription_id, topics, status, attempts,"
            + " created_at, next_attempt_at, delivered_at, last_error, delivered_status, delivered_latency_ms,"
            + " delivered_response FROM alert";

    private final DataSource dataSource;

    DeliveryStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Newest first; {@code status}, {@code subscriptionId} and {@code tenant} narrow when not null. */
    public List<Delivery> list(String status, UUID subscriptionId, String tenant, Cursor before, int limit) {
        return Jdbc.inTransaction(dataSource, c -> {
            List<Delivery> found = Jdbc.query(
                    c,
                    SELECT + " WHERE (?::text IS NULL OR status = ?) AND (?::uuid IS NULL OR subscription_id = ?)"
                            + " AND (?::text IS NULL OR subscription_id IN (SELECT id FROM subscription WHERE tenant = ?))"
                            + " AND (?::timestamptz IS NULL OR (created_at, id) < (?, ?))"
                            + " ORDER BY created_at DESC, id DESC LIMIT ?",
                    DeliveryStore::row,
                    status,
                    status,
                    subscriptionId,
                    subscriptionId,
                    tenant,
                    tenant,
                    before == null ? null : before.at(),
                    before == null ? null : before.at(),
                    before == null ? null : before.id(),
                    limit);
            return withAttempts(c, found);
        });
    }

    public Optional<Delivery> find(UUID id) {
        return Jdbc.inTransaction(dataSource, c -> {
            List<Delivery> found = Jdbc.query(c, SELECT + " WHERE id = ?", DeliveryStore::row, id);
            return withAttempts(c, found).stream().findFirst();
        });
    }

    private static List<Delivery> withAttempts(Connection c, List<Delivery> deliveries) throws SQLException {
        if (deliveries.isEmpty()) {
            return deliveries;
        }
        Map<UUID, List<Attempt>> attempts = new LinkedHashMap<>();
        deliveries.forEach(d -> attempts.put(d.id(), new ArrayList<>()));
        Jdbc.query(
                c,
                "SELECT alert_id, coalesce(attempt, 0), attempted_at, status_code, latency_ms, error, response_body"
                        + " FROM delivery_attempt WHERE alert_id = ANY (?) ORDER BY alert_id, attempted_at, id",
                rs -> attempts.get(rs.getObject(1, UUID.class))
                        .add(new Attempt(
                                rs.getInt(2),
                                rs.getTimestamp(3).toInstant(),
                                (Integer) rs.getObject(4),
                                rs.getInt(5),
                                rs.getString(6),
                                rs.getString(7))),
                c.createArrayOf("uuid", attempts.keySet().toArray()));
        return deliveries.stream()
                .map(d -> new Delivery(
                        d.id(),
                        d.statementId(),
                        d.subscriptionId(),
                        d.topics(),
                        d.status(),
                        d.attempts(),
                        d.createdAt(),
                        d.nextAttemptAt(),
                        d.deliveredAt(),
                        d.lastError(),
                        // the attempts that failed, then the one that succeeded (kept in the alert's row)
                        Stream.concat(attempts.get(d.id()).stream(), d.attemptLog().stream())
                                .toList()))
                .toList();
    }

    private static Delivery row(ResultSet rs) throws SQLException {
        return new Delivery(
                rs.getObject("id", UUID.class),
                rs.getObject("statement_id", UUID.class),
                rs.getObject("subscription_id", UUID.class),
                List.of((String[]) rs.getArray("topics").getArray()),
                rs.getString("status"),
                rs.getInt("attempts"),
                instant(rs.getTimestamp("created_at")),
                "pending".equals(rs.getString("status")) ? instant(rs.getTimestamp("next_attempt_at")) : null,
                instant(rs.getTimestamp("delivered_at")),
                rs.getString("last_error"),
                // (an email's attempt has no status code; every attempt has a latency)
                rs.getObject("delivered_latency_ms") == null
                        ? List.of()
                        : List.of(new Attempt(
                                rs.getInt("attempts"),
                                rs.getTimestamp("delivered_at").toInstant(),
                                (Integer) rs.getObject("delivered_status"),
                                rs.getInt("delivered_latency_ms"),
                                null,
                                rs.getString("delivered_response"))));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
