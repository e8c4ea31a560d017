package org.advocacyalerts.dispatcher.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.advocacyalerts.model.Evidence;
import org.advocacyalerts.model.TopicMatch;
import org.advocacyalerts.support.Jdbc;

/** The {@code topic_match} table: which statements each topic matched, and the sentence that matters. */
@ApplicationScoped
public class TopicMatchStore {

    /** A statement a topic matched, as a feed lists it. */
    public record Matched(
            UUID statementId,
            String title,
            String url,
            String sourceId,
            Instant publishedAt,
            Instant matchedAt,
            String evidence) {}

    private final DataSource dataSource;

    TopicMatchStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Records what the held text of a statement matched, in place of what an earlier revision matched:
     * for each topic, the sentence of its first evidence. A topic's match keeps its time while its
     * sentence stays the same (a replayed record does not move the statement up a feed); a revision
     * that changes the sentence dates it {@code at}.
     */
    public void replace(Connection c, UUID statementId, Map<String, TopicMatch> byTopic, Instant at)
            throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        byTopic.forEach((topic, match) -> {
            if (!match.evidence().isEmpty()) {
                rows.add(new Object[] {
                    statementId, topic, sentence(match.evidence().get(0)), at
                });
            }
        });
        Jdbc.update(
                c,
                "DELETE FROM topic_match WHERE statement_id = ? AND topic_id <> ALL (?)",
                statementId,
                c.createArrayOf("text", rows.stream().map(r -> r[1]).toArray()));
        if (!rows.isEmpty()) {
            // a topic deleted meanwhile has no row to refer to: its match is not kept
            Jdbc.multiRow(
                    c,
                    "INSERT INTO topic_match (statement_id, topic_id, evidence, matched_at) SELECT v.* FROM (VALUES ",
                    "(?::uuid, ?, ?, ?::timestamptz)",
                    ") AS v (statement_id, topic_id, evidence, matched_at)"
                            + " WHERE EXISTS (SELECT 1 FROM topic t WHERE t.id = v.topic_id)"
                            + " ON CONFLICT (statement_id, topic_id) DO UPDATE"
                            + " SET evidence = EXCLUDED.evidence, matched_at = EXCLUDED.matched_at"
                            + " WHERE topic_match.evidence IS DISTINCT FROM EXCLUDED.evidence RETURNING 1",
                    rows,
                    rs -> 1);
        }
    }

    private static String sentence(Evidence evidence) {
        return evidence.sentence() == null || evidence.sentence().isBlank() ? evidence.text() : evidence.sentence();
    }

    /** The latest {@code limit} statements the topic matched, newest match first. */
    public List<Matched> latest(String topicId, int limit) {
        return Jdbc.inTransaction(
                dataSource,
                c -> Jdbc.query(
                        c,
                        """
                        SELECT s.id, s.title, convert_from(s.payload, 'UTF8')::jsonb ->> 'url', s.source_id,
                               s.published_at, m.matched_at, m.evidence
                        FROM topic_match m JOIN statement s ON s.id = m.statement_id
                        WHERE m.topic_id = ?
                        ORDER BY m.matched_at DESC, s.id DESC LIMIT ?""",
                        rs -> new Matched(
                                rs.getObject(1, UUID.class),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getTimestamp(5).toInstant(),
                                rs.getTimestamp(6).toInstant(),
                                rs.getString(7)),
                        topicId,
                        limit));
    }
}
