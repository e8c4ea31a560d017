package org.advocacyalerts.dispatcher.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.advocacyalerts.support.Jdbc;

/** The {@code subscription} and {@code subscription_topic} tables. */
@ApplicationScoped
public class SubscriptionStore {

    private static final String SELECT = "SELECT s.id, s.channel, s.target, s.status, s.created_at, s.secret,"
            + " array_agg(st.topic_id ORDER BY st.topic_id) AS topics"
            + " FROM subscription s JOIN subscription_topic st ON st.subscription_id = s.id";

    private final DataSource dataSource;

    SubscriptionStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void insert(Subscription s) {
        Jdbc.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO subscription"
                    + " (id, channel, target, secret, status, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setObject(1, s.id());
                ps.setString(2, s.channel());
                ps.setString(3, s.target());
                ps.setString(4, s.secret());
                ps.setString(5, s.status());
                ps.setTimestamp(6, Jdbc.timestamp(s.createdAt()));
                ps.executeUpdate();
            }
            try (PreparedStatement ps =
                    c.prepareStatement("INSERT INTO subscription_topic (subscription_id, topic_id) VALUES (?, ?)")) {
                for (String topic : s.topics()) {
                    ps.setObject(1, s.id());
                    ps.setString(2, topic);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** The subscription with its secret; callers decide whether to show it. */
    public Optional<Subscription> find(UUID id) {
        return Jdbc.inTransaction(dataSource, c -> Jdbc.query(c, SELECT + " WHERE s.id = ? GROUP BY s.id", ROW, id))
                .stream()
                .findFirst();
    }

    /** Active subscriptions following at least one of {@code topics}, each with only those topics. */
    public List<Subscription> following(Connection c, Collection<String> topics) throws SQLException {
        return Jdbc.query(
                c,
                SELECT + " WHERE s.status = 'active' AND st.topic_id = ANY (?) GROUP BY s.id",
                ROW,
                c.createArrayOf("text", topics.toArray()));
    }

    public boolean delete(UUID id) {
        return Jdbc.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM subscription WHERE id = ?")) {
                ps.setObject(1, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    private static final Jdbc.RowMapper<Subscription> ROW = rs -> new Subscription(
            rs.getObject("id", UUID.class),
            rs.getString("channel"),
            rs.getString("target"),
            Arrays.asList((String[]) rs.getArray("topics").getArray()),
            rs.getString("status"),
            rs.getTimestamp("created_at").toInstant(),
            rs.getString("secret"));
}
