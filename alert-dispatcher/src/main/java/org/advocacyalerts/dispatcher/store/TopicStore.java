package org.advocacyalerts.dispatcher.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
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
        return Jdbc.inTransaction(dataSource, c -> Jdbc.query(c, SELECT + " ORDER BY id", ROW));
    }

    public Optional<Topic> find(String id) {
        return Jdbc.inTransaction(dataSource, c -> Jdbc.query(c, SELECT + " WHERE id = ?", ROW, id)).stream()
                .findFirst();
    }

    /** Which of {@code ids} are not topics. */
    public Set<String> unknown(Collection<String> ids) {
        Set<String> missing = new TreeSet<>(ids);
        missing.removeAll(Jdbc.inTransaction(
                dataSource,
                c -> Jdbc.query(
                        c,
                        "SELECT id FROM topic WHERE id = ANY (?)",
                        rs -> rs.getString(1),
                        c.createArrayOf("text", ids.toArray()))));
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

    private static final String SELECT = "SELECT id, name, description, terms FROM topic";

    private static final Jdbc.RowMapper<Topic> ROW = rs ->
            new Topic(rs.getString("id"), rs.getString("name"), rs.getString("description"), Arrays.asList((String[])
                    rs.getArray("terms").getArray()));
}
