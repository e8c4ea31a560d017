package org.advocacyalerts.dispatcher.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.advocacyalerts.dispatcher.match.Topic;
import org.advocacyalerts.support.Jdbc;

/** The {@code topic} table. */
@ApplicationScoped
public class TopicStore {

    private final DataSource dataSource;

    TopicStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<Topic> all() {
        return Jdbc.inTransaction(
                dataSource, c -> query(c, "SELECT id, name, description, terms FROM topic ORDER BY id"));
    }

    public Optional<Topic> find(String id) {
        return Jdbc.inTransaction(
                        dataSource, c -> query(c, "SELECT id, name, description, terms FROM topic WHERE id = ?", id))
                .stream()
                .findFirst();
    }

    /** Which of {@code ids} are not topics. */
    public Set<String> unknown(Collection<String> ids) {
        Set<String> missing = new TreeSet<>(ids);
        Jdbc.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM topic WHERE id = ANY (?)")) {
                ps.setArray(1, c.createArrayOf("text", ids.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        missing.remove(rs.getString(1));
                    }
                }
            }
            return null;
        });
        return missing;
    }

    /** Inserts a topic unless one with its id exists: an operator's later edits win over the seed. */
    public boolean insertIfAbsent(Topic topic) {
        return Jdbc.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO topic (id, name, description, terms) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
                ps.setString(1, topic.id());
                ps.setString(2, topic.name());
                ps.setString(3, topic.description());
                ps.setArray(4, c.createArrayOf("text", topic.terms().toArray()));
                return ps.executeUpdate() == 1;
            }
        });
    }

    private static List<Topic> query(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<Topic> topics = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Array terms = rs.getArray("terms");
                    topics.add(new Topic(
                            rs.getString("id"), rs.getString("name"), rs.getString("description"), Arrays.asList((String
                                            [])
                                    terms.getArray())));
                }
            }
            return topics;
        }
    }
}
