package org.advocacyalerts.ingest.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.advocacyalerts.api.Cursor;
import org.advocacyalerts.model.Statement;
import org.advocacyalerts.support.Jdbc;

/** The {@code statement} table. */
@ApplicationScoped
public class StatementStore {

    private static final String COLUMNS =
            "id, source_id, url, title, body, language, published_at, retrieved_at, content_sha256";

    private final DataSource dataSource;

    StatementStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<Statement> find(UUID id) {
        return Jdbc.inTransaction(
                dataSource, c -> first(Jdbc.query(c, "SELECT " + COLUMNS + " FROM statement WHERE id = ?", ROW, id)));
    }

    /** One change of a statement's text at its source; the statement holds the latest text. */
    public record Revision(
            int revision, String contentSha256, String previousSha256, Instant retrievedAt, String diff) {}

    /** The statement's revisions, first to last (none for a statement never changed). */
    public List<Revision> revisions(UUID id) {
        return Jdbc.inTransaction(
                dataSource,
                c -> Jdbc.query(
                        c,
                        "SELECT revision, content_sha256, previous_sha256, retrieved_at, diff FROM statement_revision"
                                + " WHERE statement_id = ? ORDER BY revision",
                        rs -> new Revision(
                                rs.getInt("revision"),
                                rs.getString("content_sha256"),
                                rs.getString("previous_sha256"),
                                rs.getTimestamp("retrieved_at").toInstant(),
                                rs.getString("diff")),
                        id));
    }

    /** Where the statement's text came from; empty for one stored before this was recorded. */
    public Optional<TextFrom> textFrom(UUID id) {
        return Jdbc.inTransaction(
                        dataSource,
                        c -> Jdbc.query(c, "SELECT text_from FROM statement WHERE id = ?", rs -> rs.getString(1), id))
                .stream()
                .filter(Objects::nonNull)
                .map(TextFrom::of)
                .findFirst();
    }

    public Optional<Statement> findByContent(Connection c, String url, String contentSha256) throws SQLException {
        return first(Jdbc.query(
                c,
                "SELECT " + COLUMNS + " FROM statement WHERE url = ? AND content_sha256 = ?",
                ROW,
                url,
                contentSha256));
    }

    /** Inserts unless the same url and content are stored; returns whether a row was written. */
    public boolean insertIfAbsent(Connection c, Statement s, TextFrom textFrom) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO statement (" + COLUMNS + ", text_from)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (url, content_sha256) DO NOTHING")) {
            ps.setObject(1, s.id());
            ps.setString(2, s.sourceId());
            ps.setString(3, s.url());
            ps.setString(4, s.title());
            ps.setString(5, s.body());
            ps.setString(6, s.language());
            ps.setTimestamp(7, Jdbc.timestamp(s.publishedAt()));
            ps.setTimestamp(8, Jdbc.timestamp(s.retrievedAt()));
            ps.setString(9, s.contentSha256());
            ps.setString(10, textFrom.value());
            return ps.executeUpdate() == 1;
        }
    }

    /** The number the statement's next revision gets: 1 more than its last (revisions start at 1). */
    public int nextRevision(Connection c, UUID statementId) throws SQLException {
        return Jdbc.query(
                        c,
                        "SELECT coalesce(max(revision), 0) + 1 FROM statement_revision WHERE statement_id = ?",
                        row -> row.getInt(1),
                        statementId)
                .get(0);
    }

    /**
     * The statement takes its revised text (same id) and the revision is kept with its diff from the text
     * it had ({@code previousSha256}).
     */
    public void revise(Connection c, Statement after, int revision, String previousSha256, String diff)
            throws SQLException {
        Jdbc.update(
                c,
                "UPDATE statement SET title = ?, body = ?, content_sha256 = ?, retrieved_at = ? WHERE id = ?",
                after.title(),
                after.body(),
                after.contentSha256(),
                after.retrievedAt(),
                after.id());
        Jdbc.update(c, """
                INSERT INTO statement_revision (statement_id, revision, content_sha256, previous_sha256, diff,
                                                retrieved_at)
                VALUES (?, ?, ?, ?, ?, ?)""", after.id(), revision, after.contentSha256(), previousSha256, diff, after.retrievedAt());
    }

    /** Newest first by publication time, of one source or all; {@code since} (inclusive) bounds the oldest. */
    public List<Statement> list(Optional<String> sourceId, Optional<Instant> since, Cursor before, int limit) {
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        sourceId.ifPresent(id -> {
            where.add("source_id = ?");
            params.add(id);
        });
        since.ifPresent(from -> {
            where.add("published_at >= ?");
            params.add(from);
        });
        if (before != null) {
            where.add("(published_at, id) < (?, ?)");
            params.add(before.at());
            params.add(before.id());
        }
        params.add(limit);
        String sql = "SELECT " + COLUMNS + " FROM statement"
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY published_at DESC, id DESC LIMIT ?";
        return Jdbc.inTransaction(dataSource, c -> Jdbc.query(c, sql, ROW, params.toArray()));
    }

    private static Optional<Statement> first(List<Statement> rows) {
        return rows.stream().findFirst();
    }

    public static final Jdbc.RowMapper<Statement> ROW = rs -> new Statement(
            rs.getObject("id", UUID.class),
            rs.getString("source_id"),
            rs.getString("url"),
            rs.getString("title"),
            rs.getString("body"),
            rs.getString("language"),
            rs.getTimestamp("published_at").toInstant(),
            rs.getTimestamp("retrieved_at").toInstant(),
            rs.getString("content_sha256"));
}
