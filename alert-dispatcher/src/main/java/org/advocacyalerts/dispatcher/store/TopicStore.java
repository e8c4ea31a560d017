package org.advocacyalerts.dispatcher.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
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

    private static final String SELECT =
            "SELECT id, name, summary, description, query, aliases::text AS aliases FROM topic";
    private static final TypeReference<List<List<String>>> ALIASES = new TypeReference<>() {};

    /** What a write did, so the API can answer 201 or 200. */
    public enum Outcome {
        CREATED,
        UPDATED,
        UNCHANGED
    }

    private final DataSource dataSource;
    private final ObjectMapper mapper;

    TopicStore(DataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.mapper = mapper;
    }

    public List<Topic> all() {
        return Jdbc.inTransaction(dataSource, c -> Jdbc.query(c, SELECT + " ORDER BY id", this::topic));
    }

    public Optional<Topic> find(String id) {
        return Jdbc.inTransaction(dataSource, c -> Jdbc.query(c, SELECT + " WHERE id = ?", this::topic, id)).stream()
                .findFirst();
    }

    /** Changes whenever a topic is added, changed or removed, on any replica. */
    public String version() {
        return Jdbc.inTransaction(
                        dataSource,
                        c -> Jdbc.query(
                                c,
                                "SELECT count(*) || '/' || coalesce(max(updated_at)::text, '') FROM topic",
                                rs -> rs.getString(1)))
                .get(0);
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

    /**
     * Stores a topic from a seed file: added if missing, updated if it still follows its seed, left
     * alone if an operator changed it through the API.
     */
    public Outcome upsertFromSeed(Topic topic) {
        return write(topic, true);
    }

    /** Stores a topic written through the API; from now on seeds no longer change it. */
    public Outcome put(Topic topic) {
        return write(topic, false);
    }

    private Outcome write(Topic topic, boolean fromSeed) {
        String aliases = json(topic.aliases());
        return Jdbc.inTransaction(dataSource, c -> {
            List<Boolean> existing = Jdbc.query(
                    c,
                    "SELECT (name, summary, description, query, aliases) IS NOT DISTINCT FROM (?, ?, ?, ?, ?::jsonb)"
                            + " AND managed_by_seed = ? FROM topic WHERE id = ? FOR UPDATE",
                    rs -> rs.getBoolean(1),
                    topic.name(),
                    topic.summary(),
                    topic.description(),
                    topic.query(),
                    aliases,
                    fromSeed,
                    topic.id());
            if (existing.isEmpty()) {
                Jdbc.query(
                        c,
                        "INSERT INTO topic (id, name, summary, description, query, aliases, managed_by_seed)"
                                + " VALUES (?, ?, ?, ?, ?, ?::jsonb, ?) RETURNING id",
                        rs -> rs.getString(1),
                        topic.id(),
                        topic.name(),
                        topic.summary(),
                        topic.description(),
                        topic.query(),
                        aliases,
                        fromSeed);
                return Outcome.CREATED;
            }
            if (existing.get(0)) {
                return Outcome.UNCHANGED;
            }
            List<String> updated = Jdbc.query(
                    c,
                    "UPDATE topic SET name = ?, summary = ?, description = ?, query = ?, aliases = ?::jsonb,"
                            + " managed_by_seed = ?,"
                            + " updated_at = clock_timestamp() WHERE id = ?"
                            + (fromSeed ? " AND managed_by_seed" : "")
                            + " RETURNING id",
                    rs -> rs.getString(1),
                    topic.name(),
                    topic.summary(),
                    topic.description(),
                    topic.query(),
                    aliases,
                    fromSeed,
                    topic.id());
            return updated.isEmpty() ? Outcome.UNCHANGED : Outcome.UPDATED;
        });
    }

    private Topic topic(ResultSet rs) throws SQLException {
        try {
            return new Topic(
                    rs.getString("id"),
                    rs.getString("name"),
                    rs.getString("summary"),
                    rs.getString("description"),
                    rs.getString("query"),
                    mapper.readValue(rs.getString("aliases"), ALIASES));
        } catch (JsonProcessingException e) {
            throw new SQLException("topic " + rs.getString("id") + " has unreadable aliases", e);
        }
    }

    private String json(List<List<String>> aliases) {
        try {
            return mapper.writeValueAsString(aliases);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("aliases cannot be written as JSON", e);
        }
    }
}
