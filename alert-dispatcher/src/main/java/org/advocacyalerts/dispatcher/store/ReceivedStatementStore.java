package org.advocacyalerts.dispatcher.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.advocacyalerts.model.CloudEventCodec;
import org.advocacyalerts.model.Json;
import org.advocacyalerts.model.Statement;
import org.advocacyalerts.support.Jdbc;

/** Statements as the dispatcher received them: what backtests replay. */
@ApplicationScoped
public class ReceivedStatementStore {

    private final DataSource dataSource;

    ReceivedStatementStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Holds the statement at {@code revision} (0: as published): stores it if absent, replaces the held
     * text only with a newer revision. Returns whether this revision is the one held now (newer, or the
     * same one again): false for an event older than the held text, which must alert nobody. {@code
     * traceparent} (null: not traced) is the planning span's, kept with the text its alerts are sent
     * from.
     */
    public boolean hold(Connection c, Statement s, int revision, Instant receivedAt, String traceparent)
            throws SQLException {
        int changed = Jdbc.update(
                c,
                """
                INSERT INTO statement
                    (id, source_id, title, body, language, published_at, received_at, payload, revision, traceparent)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE
                SET title = EXCLUDED.title, body = EXCLUDED.body, payload = EXCLUDED.payload,
                    revision = EXCLUDED.revision, traceparent = EXCLUDED.traceparent
                WHERE statement.revision < EXCLUDED.revision""",
                s.id(),
                s.sourceId(),
                s.title(),
                s.body(),
                s.language(),
                s.publishedAt(),
                receivedAt,
                CloudEventCodec.toJson(s),
                revision,
                traceparent);
        if (changed == 1) {
            return true;
        }
        int held = Jdbc.query(c, "SELECT revision FROM statement WHERE id = ?", rs -> rs.getInt(1), s.id())
                .get(0);
        return held == revision;
    }

    /** Statements published at or after {@code since}, newest first, at most {@code limit}. */
    public List<Statement> publishedSince(Instant since, int limit) {
        return publishedSince(since, null, limit);
    }

    /**
     * Newest first, published at or after {@code since} and before {@code after} (the last statement of
     * the page before; null: from the newest): a page at a time, so a long look back holds one page.
     */
    public List<Statement> publishedSince(Instant since, Statement after, int limit) {
        return Jdbc.inTransaction(
                dataSource,
                c -> Jdbc.query(
                        c,
                        """
                        SELECT payload FROM statement
                        WHERE published_at >= ? AND (?::timestamptz IS NULL OR (published_at, id) < (?, ?))
                        ORDER BY published_at DESC, id DESC LIMIT ?""",
                        rs -> read(rs.getBytes(1)),
                        since,
                        after == null ? null : after.publishedAt(),
                        after == null ? null : after.publishedAt(),
                        after == null ? null : after.id(),
                        limit));
    }

    /** Title and body of the latest statements received, newest first. */
    public List<String> recentTexts(int limit) {
        return Jdbc.inTransaction(
                dataSource,
                c -> Jdbc.query(
                        c,
                        "SELECT title || E'\\n' || body FROM statement ORDER BY received_at DESC LIMIT ?",
                        rs -> rs.getString(1),
                        limit));
    }

    private static Statement read(byte[] payload) throws SQLException {
        try {
            return Json.mapper().readValue(payload, Statement.class);
        } catch (IOException e) {
            throw new SQLException("stored statement is unreadable", e);
        }
    }

    /** Deletes up to {@code limit} statements received before {@code before}; returns how many. */
    public int deleteReceivedBefore(Connection c, Instant before, int limit) throws SQLException {
        return Jdbc.update(
                c,
                "DELETE FROM statement WHERE id IN (SELECT id FROM statement WHERE received_at < ? LIMIT ?)",
                before,
                limit);
    }
}
