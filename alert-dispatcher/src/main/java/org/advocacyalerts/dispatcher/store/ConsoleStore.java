package org.advocacyalerts.dispatcher.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.advocacyalerts.support.Jdbc;

/** What the staff console reads that no API serves: statements with what they matched, activity per day. */
@ApplicationScoped
public class ConsoleStore {

    /** A statement as received, with each topic it matched and that topic's evidence sentence. */
    public record MatchedStatement(
            UUID id,
            String title,
            String url,
            String sourceId,
            String language,
            Instant publishedAt,
            String body,
            List<TopicEvidence> matches) {}

    public record TopicEvidence(String topicId, String evidence) {}

    /** How many of something a topic had on one day (UTC). */
    public record DayCount(String topicId, LocalDate day, int count) {}

    /** With the body ({@code ?} true) or without it (a list shows no body: it may be a megabyte). */
    private static final String SELECT = """
            SELECT s.id, s.title, convert_from(s.payload, 'UTF8')::jsonb ->> 'url', s.source_id, s.language,
                   s.published_at, CASE WHEN ?::boolean THEN s.body END,
                   array_remove(array_agg(m.topic_id ORDER BY m.topic_id), NULL),
                   array_remove(array_agg(m.evidence ORDER BY m.topic_id), NULL)
            FROM statement s LEFT JOIN topic_match m ON m.statement_id = s.id""";

    private final DataSource dataSource;

    ConsoleStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The latest {@code limit} statements by publication, newest first, without their bodies. */
    public List<MatchedStatement> recent(int limit) {
        return Jdbc.inTransaction(
                dataSource,
                c -> Jdbc.query(
                        c,
                        SELECT + " WHERE s.id IN (SELECT id FROM statement ORDER BY published_at DESC LIMIT ?)"
                                + " GROUP BY s.id ORDER BY s.published_at DESC, s.id DESC",
                        ConsoleStore::row,
                        false,
                        limit));
    }

    public Optional<MatchedStatement> statement(UUID id) {
        return Jdbc.inTransaction(
                        dataSource,
                        c -> Jdbc.query(c, SELECT + " WHERE s.id = ? GROUP BY s.id", ConsoleStore::row, true, id))
                .stream()
                .findFirst();
    }

    /** Statements each topic matched, per day of publication since {@code since}. */
    public List<DayCount> matchesPerDay(Instant since) {
        return perDay("""
                SELECT m.topic_id, (s.published_at AT TIME ZONE 'UTC')::date AS day, count(*)
                FROM topic_match m JOIN statement s ON s.id = m.statement_id
                WHERE s.published_at >= ? GROUP BY 1, 2""", since);
    }

    /** Alerts made for each topic (an alert counts for each of its topics), per day made since {@code since}. */
    public List<DayCount> alertsPerDay(Instant since) {
        return perDay("""
                SELECT t.topic_id, (a.created_at AT TIME ZONE 'UTC')::date AS day, count(*)
                FROM alert a CROSS JOIN unnest(a.topics) AS t (topic_id)
                WHERE a.created_at >= ? GROUP BY 1, 2""", since);
    }

    private List<DayCount> perDay(String sql, Instant since) {
        return Jdbc.inTransaction(
                dataSource,
                c -> Jdbc.query(
                        c,
                        sql,
                        rs -> new DayCount(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getInt(3)),
                        since));
    }

    private static MatchedStatement row(java.sql.ResultSet rs) throws SQLException {
        List<String> topics = strings(rs.getArray(8));
        List<String> evidence = strings(rs.getArray(9));
        List<TopicEvidence> matches = new ArrayList<>();
        for (int i = 0; i < Math.min(topics.size(), evidence.size()); i++) {
            matches.add(new TopicEvidence(topics.get(i), evidence.get(i)));
        }
        return new MatchedStatement(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getTimestamp(6).toInstant(),
                rs.getString(7),
                matches);
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
