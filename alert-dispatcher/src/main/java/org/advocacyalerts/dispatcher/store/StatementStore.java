package org.advocacyalerts.dispatcher.store;

import jakarta.enterprise.context.ApplicationScoped;
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
public class StatementStore {

    private final DataSource dataSource;

    StatementStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void insertIfAbsent(Connection c, Statement s, Instant receivedAt) throws SQLException {
        Jdbc.query(
                c,
                "INSERT INTO statement (id, source_id, title, body, language, published_at, received_at, payload)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING RETURNING id",
                rs -> rs.getObject(1),
                s.id(),
                s.sourceId(),
                s.title(),
                s.body(),
                s.language(),
                s.publishedAt(),
                receivedAt,
                CloudEventCodec.toJson(s));
    }

    /** Replaces a stored statement's text with its revision (inserts it if it was never stored). */
    public void revise(Connection c, Statement s, Instant receivedAt) throws SQLException {
        insertIfAbsent(c, s, receivedAt);
        Jdbc.update(
                c,
                "UPDATE statement SET title = ?, body = ?, payload = ? WHERE id = ?",
                s.title(),
                s.body(),
                CloudEventCodec.toJson(s),
                s.id());
    }

    /** Statements published at or after {@code since}, newest first, at most {@code limit}. */
    public List<Statement> publishedSince(Instant since, int limit) {
        return Jdbc.inTransaction(
                dataSource,
                c -> Jdbc.query(
                        c,
                        "SELECT payload FROM statement WHERE published_at >= ? ORDER BY published_at DESC LIMIT ?",
                        rs -> read(rs.getBytes(1)),
                        since,
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
        } catch (java.io.IOException e) {
            throw new SQLException("stored statement is unreadable", e);
        }
    }
}
