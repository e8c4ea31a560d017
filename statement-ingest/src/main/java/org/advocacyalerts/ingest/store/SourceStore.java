package org.advocacyalerts.ingest.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.advocacyalerts.ingest.fetch.SafeFetcher.Validators;
import org.advocacyalerts.ingest.source.Source;
import org.advocacyalerts.support.Jdbc;

/** The {@code source} table: configuration, status, and the lease that keeps replicas apart. */
@ApplicationScoped
public class SourceStore {

    private static final String COLUMNS = "id, name, url, type, poll_interval_seconds, language, article_selector,"
            + " last_poll_at, last_success_at, last_error, consecutive_failures, next_poll_at, items_seen,"
            + " etag, last_modified, created_at, backfill_done, backfill_total";

    /** A source as the poller needs it: what the API shows, plus the feed's validators and its age. */
    public record Claimed(Source source, Validators validators, Instant createdAt) {}

    private final DataSource dataSource;

    SourceStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Up to {@code limit} sources with ids after {@code after} (null: from the first), by id. */
    public List<Source> list(String after, int limit) {
        return Jdbc.inTransaction(
                dataSource,
                c -> Jdbc.query(
                        c,
                        "SELECT " + COLUMNS + " FROM source WHERE id > ? ORDER BY id LIMIT ?",
                        SOURCE,
                        after == null ? "" : after,
                        limit));
    }

    public Optional<Source> find(String id) {
        return Jdbc.inTransaction(
                dataSource,
                c -> Jdbc.query(c, "SELECT " + COLUMNS + " FROM source WHERE id = ?", SOURCE, id).stream()
                        .findFirst());
    }

    /**
     * Every source by id, with the time since which it has been failing: its last success (or its
     * creation, if it never succeeded) while its latest poll failed; absent while it is healthy.
     */
    public Map<String, Optional<Instant>> failingSince() {
        Map<String, Optional<Instant>> sources = new LinkedHashMap<>();
        Jdbc.inTransaction(
                dataSource,
                c -> Jdbc.query(
                        c,
                        """
                        SELECT id, CASE WHEN consecutive_failures > 0 THEN coalesce(last_success_at, created_at) END
                        FROM source ORDER BY id
                        """,
                        rs -> sources.put(
                                rs.getString(1),
                                Optional.ofNullable(rs.getTimestamp(2)).map(Timestamp::toInstant))));
        return sources;
    }

    /** Inserts a new source, due now; false when the id is taken. */
    public boolean insert(Source s, boolean fromSeed, Instant now) {
        return Jdbc.inTransaction(
                dataSource,
                c -> Jdbc.update(
                                c,
                                "INSERT INTO source (id, name, url, type, poll_interval_seconds, language, article_selector,"
                                        + " managed_by_seed, created_at, updated_at, next_poll_at)"
                                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                                s.id(),
                                s.name(),
                                s.url(),
                                s.type(),
                                s.pollIntervalSeconds(),
                                s.language(),
                                s.articleSelector(),
                                fromSeed,
                                now,
                                now,
                                now)
                        == 1);
    }

    /**
     * Replaces a source's configuration; a new URL forgets the old feed's validators and is polled now.
     * Status and the items seen stay. Returns false when there is no such source.
     */
    public boolean update(Source s, Instant now) {
        return Jdbc.inTransaction(
                dataSource,
                c -> Jdbc.update(
                                c,
                                "UPDATE source SET name = ?, type = ?, poll_interval_seconds = ?, language = ?,"
                                        + " article_selector = ?, managed_by_seed = false, updated_at = ?,"
                                        + " etag = CASE WHEN url = ? THEN etag END,"
                                        + " last_modified = CASE WHEN url = ? THEN last_modified END,"
                                        + " next_poll_at = CASE WHEN url = ? THEN next_poll_at ELSE ? END,"
                                        + " url = ? WHERE id = ?",
                                s.name(),
                                s.type(),
                                s.pollIntervalSeconds(),
                                s.language(),
                                s.articleSelector(),
                                now,
                                s.url(),
                                s.url(),
                                s.url(),
                                now,
                                s.url(),
                                s.id())
                        == 1);
    }

    /** Seeds follow their file until someone edits the source through the API. */
    public void upsertFromSeed(Source s, Instant now) {
        if (!insert(s, true, now)) {
            Jdbc.inTransaction(
                    dataSource,
                    c -> Jdbc.update(
                            c,
                            "UPDATE source SET name = ?, url = ?, type = ?, poll_interval_seconds = ?, language = ?,"
                                    + " article_selector = ?, updated_at = ? WHERE id = ? AND managed_by_seed"
                                    + " AND (name, url, type, poll_interval_seconds, language, coalesce(article_selector, ''))"
                                    + " IS DISTINCT FROM (?, ?, ?, ?, ?, ?)",
                            s.name(),
                            s.url(),
                            s.type(),
                            s.pollIntervalSeconds(),
                            s.language(),
                            s.articleSelector(),
                            now,
                            s.id(),
                            s.name(),
                            s.url(),
                            s.type(),
                            s.pollIntervalSeconds(),
                            s.language(),
                            s.articleSelector() == null ? "" : s.articleSelector()));
        }
    }

    /** Deletes the source and its item index; the statements it produced stay. */
    public boolean delete(String id) {
        return Jdbc.inTransaction(dataSource, c -> Jdbc.update(c, "DELETE FROM source WHERE id = ?", id) == 1);
    }

    /**
     * Takes the lease of the most overdue source nobody holds (or whose holder's lease ran out), or of
     * {@code onlyId} when given, due or not. SKIP LOCKED: replicas never wait for each other.
     */
    public Optional<Claimed> claim(String owner, Instant now, Instant leaseUntil, String onlyId) {
        String pick = onlyId == null
                ? "SELECT id FROM source WHERE next_poll_at <= ? AND (lease_until IS NULL OR lease_until < ?)"
                        + " ORDER BY next_poll_at LIMIT 1 FOR UPDATE SKIP LOCKED"
                : "SELECT id FROM source WHERE id = ? AND (lease_until IS NULL OR lease_until < ?)"
                        + " FOR UPDATE SKIP LOCKED";
        Object first = onlyId == null ? now : onlyId;
        return Jdbc.inTransaction(
                dataSource,
                c -> Jdbc.query(
                                c,
                                "UPDATE source SET lease_owner = ?, lease_until = ? WHERE id = (" + pick
                                        + ") RETURNING " + COLUMNS,
                                row -> new Claimed(
                                        SOURCE.map(row),
                                        new Validators(row.getString("etag"), row.getString("last_modified")),
                                        row.getTimestamp("created_at").toInstant()),
                                owner,
                                leaseUntil,
                                first,
                                now)
                        .stream()
                        .findFirst());
    }

    /** A poll that read the feed: new validators, items added, a warning about skipped items or null. */
    public void succeeded(
            String id, String owner, Instant now, Instant next, Validators validators, int added, String warning) {
        Jdbc.inTransaction(
                dataSource,
                c -> Jdbc.update(
                        c,
                        "UPDATE source SET last_poll_at = ?, last_success_at = ?, last_error = ?, consecutive_failures = 0,"
                                + " next_poll_at = ?, items_seen = items_seen + ?, etag = ?, last_modified = ?,"
                                + " lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?",
                        now,
                        now,
                        warning,
                        next,
                        added,
                        validators.etag(),
                        validators.lastModified(),
                        id,
                        owner));
    }

    /** Extends this replica's lease of a source it is still polling. */
    public void renewLease(String id, String owner, Instant until) {
        Jdbc.inTransaction(
                dataSource,
                c -> Jdbc.update(
                        c, "UPDATE source SET lease_until = ? WHERE id = ? AND lease_owner = ?", until, id, owner));
    }

    /** How far an explicit backfill has come (while this replica holds the lease). */
    public void backfillProgress(String id, String owner, int done, int total) {
        Jdbc.inTransaction(
                dataSource,
                c -> Jdbc.update(
                        c,
                        "UPDATE source SET backfill_done = ?, backfill_total = ? WHERE id = ? AND lease_owner = ?",
                        done,
                        total,
                        id,
                        owner));
    }

    /** A poll that could not read the feed. */
    public void failed(String id, String owner, Instant now, Instant next, String error) {
        Jdbc.inTransaction(
                dataSource,
                c -> Jdbc.update(
                        c,
                        "UPDATE source SET last_poll_at = ?, last_error = ?, consecutive_failures = consecutive_failures + 1,"
                                + " next_poll_at = ?, lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?",
                        now,
                        error,
                        next,
                        id,
                        owner));
    }

    private static final Jdbc.RowMapper<Source> SOURCE = rs -> new Source(
            rs.getString("id"),
            rs.getString("name"),
            rs.getString("url"),
            rs.getString("type"),
            rs.getInt("poll_interval_seconds"),
            rs.getString("language"),
            rs.getString("article_selector"),
            new Source.Status(
                    instant(rs.getTimestamp("last_poll_at")),
                    instant(rs.getTimestamp("last_success_at")),
                    rs.getString("last_error"),
                    rs.getInt("consecutive_failures"),
                    instant(rs.getTimestamp("next_poll_at")),
                    rs.getLong("items_seen"),
                    rs.getObject("backfill_total") == null
                            ? null
                            : new Source.Backfill(rs.getInt("backfill_done"), rs.getInt("backfill_total"))));

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
