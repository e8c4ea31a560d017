package org.advocacyalerts.ingest.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.advocacyalerts.model.Statement;
import org.advocacyalerts.support.Jdbc;

/**
 * The items a source's feed listed, each under its identity in the source (its guid or link) and tied to
 * the statement made of it, with the validators of its page's last fetch: what makes a feed item stored
 * once, and a changed page a revision. Every method runs in the caller's transaction.
 */
@ApplicationScoped
public class SourceItemStore {

    /** Where an item's page is and the validators of its last fetch (all null for a feed-only item). */
    public record PageState(String link, String etag, String lastModified) {}

    /** A known item whose page is due for another look. */
    public record Tracked(String identity, PageState page) {}

    /** True if the source knows the item; locks it until commit. */
    public boolean lockKnown(Connection c, String sourceId, String identity) throws SQLException {
        return !Jdbc.query(
                        c,
                        "SELECT 1 FROM source_item WHERE source_id = ? AND identity = ? FOR UPDATE",
                        row -> 1,
                        sourceId,
                        identity)
                .isEmpty();
    }

    /** Remembers a new item and its statement; false if another transaction remembered it first. */
    public boolean remember(
            Connection c, String sourceId, String identity, Statement statement, PageState page, Instant at)
            throws SQLException {
        return Jdbc.update(
                        c,
                        """
                        INSERT INTO source_item (source_id, identity, statement_id, content_sha256, first_seen_at,
                                                 link, page_etag, page_last_modified, checked_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                        sourceId,
                        identity,
                        statement.id(),
                        statement.contentSha256(),
                        at,
                        page.link(),
                        page.etag(),
                        page.lastModified(),
                        at)
                == 1;
    }

    /** Recent items with a page, not looked at since {@code checkedBefore}, oldest look first. */
    public List<Tracked> toRecheck(Connection c, String sourceId, Instant seenAfter, Instant checkedBefore, int limit)
            throws SQLException {
        return Jdbc.query(
                c,
                """
                SELECT identity, link, page_etag, page_last_modified FROM source_item
                WHERE source_id = ? AND link IS NOT NULL AND first_seen_at >= ?
                  AND (checked_at IS NULL OR checked_at < ?)
                ORDER BY checked_at NULLS FIRST LIMIT ?""",
                row -> new Tracked(
                        row.getString("identity"),
                        new PageState(
                                row.getString("link"),
                                row.getString("page_etag"),
                                row.getString("page_last_modified"))),
                sourceId,
                seenAfter,
                checkedBefore,
                limit);
    }

    /**
     * Records a look at an item's page: its validators, and the hash of the text it found ({@code sha256};
     * null keeps the hash, for a page that answered it had not changed).
     */
    public void checked(Connection c, String sourceId, String identity, PageState page, String sha256, Instant at)
            throws SQLException {
        Jdbc.update(c, """
                UPDATE source_item SET checked_at = ?, page_etag = ?, page_last_modified = ?,
                                       content_sha256 = coalesce(?::text, content_sha256)
                WHERE source_id = ? AND identity = ?""", at, page.etag(), page.lastModified(), sha256, sourceId, identity);
    }

    /** The statement made of a known item, locked until commit. */
    public Optional<Statement> lockStatement(Connection c, String sourceId, String identity) throws SQLException {
        return Jdbc.query(c, """
                        SELECT s.* FROM source_item i JOIN statement s ON s.id = i.statement_id
                        WHERE i.source_id = ? AND i.identity = ? FOR UPDATE""", StatementStore.ROW, sourceId, identity).stream()
                .findFirst();
    }

    /** The identities among {@code identities} the source already turned into statements. */
    public Set<String> known(Connection c, String sourceId, Collection<String> identities) throws SQLException {
        return new HashSet<>(Jdbc.query(
                c,
                "SELECT identity FROM source_item WHERE source_id = ? AND identity = ANY (?)",
                row -> row.getString(1),
                sourceId,
                c.createArrayOf("text", identities.toArray())));
    }
}
