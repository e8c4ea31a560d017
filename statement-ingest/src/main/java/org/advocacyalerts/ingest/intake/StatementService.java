package org.advocacyalerts.ingest.intake;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.UUID;
import javax.sql.DataSource;
import org.advocacyalerts.ingest.outbox.OutboxRelay;
import org.advocacyalerts.ingest.outbox.OutboxStore;
import org.advocacyalerts.ingest.outbox.OutboxStore.OutboxEvent;
import org.advocacyalerts.ingest.store.ContentHash;
import org.advocacyalerts.ingest.store.NewStatement;
import org.advocacyalerts.ingest.store.StatementStore;
import org.advocacyalerts.model.CloudEventCodec;
import org.advocacyalerts.model.EventSize;
import org.advocacyalerts.model.EventTypes;
import org.advocacyalerts.model.KafkaTopics;
import org.advocacyalerts.model.Statement;
import org.advocacyalerts.model.StatementRevised;
import org.advocacyalerts.support.Jdbc;

/**
 * Accepts a statement: the same url and text is stored once; a new one is stored together with its
 * outbox event in one transaction, so an accepted statement is always published, and only once.
 */
@ApplicationScoped
public class StatementService {

    /** The outcome: the stored statement, and whether this call stored it. */
    public record Accepted(Statement statement, boolean created) {}

    private final DataSource dataSource;
    private final StatementStore statements;
    private final OutboxStore outbox;
    private final Clock clock;

    private final OutboxRelay relay;

    StatementService(
            DataSource dataSource, StatementStore statements, OutboxStore outbox, Clock clock, OutboxRelay relay) {
        this.dataSource = dataSource;
        this.statements = statements;
        this.outbox = outbox;
        this.clock = clock;
        this.relay = relay;
    }

    public Accepted accept(NewStatement in) {
        return published(Jdbc.inTransaction(dataSource, c -> store(c, in, false)), Accepted::created);
    }

    /** A transaction that added an outbox event has committed: its event goes to Kafka now. */
    private <T> T published(T result, java.util.function.Predicate<T> added) {
        if (added.test(result)) {
            relay.wake();
        }
        return result;
    }

    /**
     * A feed item: stored and published like an API statement, and remembered under its identity in the
     * source, in the same transaction, so a crash between the two can neither lose the item nor publish
     * it twice. An identity already known to the source stores nothing (false).
     */
    public boolean acceptItem(String sourceId, String identity, PageState page, NewStatement in, boolean backfill) {
        return published(acceptItemIn(sourceId, identity, page, in, backfill), Boolean::booleanValue);
    }

    private boolean acceptItemIn(String sourceId, String identity, PageState page, NewStatement in, boolean backfill) {
        return Jdbc.inTransaction(dataSource, c -> {
            if (!Jdbc.query(
                            c,
                            "SELECT 1 FROM source_item WHERE source_id = ? AND identity = ? FOR UPDATE",
                            row -> 1,
                            sourceId,
                            identity)
                    .isEmpty()) {
                return false;
            }
            Accepted accepted = store(c, in, backfill);
            int rows = Jdbc.update(
                    c,
                    "INSERT INTO source_item (source_id, identity, statement_id, content_sha256, first_seen_at,"
                            + " link, page_etag, page_last_modified, checked_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    sourceId,
                    identity,
                    accepted.statement().id(),
                    accepted.statement().contentSha256(),
                    clock.instant(),
                    page.link(),
                    page.etag(),
                    page.lastModified(),
                    clock.instant());
            if (rows == 0) {
                // Another replica stored the same item a moment ago; roll back our statement, if any.
                c.rollback();
                return false;
            }
            return true;
        });
    }

    /** Where an item's page is and the validators of its last fetch (all null for a feed-only item). */
    public record PageState(String link, String etag, String lastModified) {}

    /** A known item whose page is due for another look. */
    public record Tracked(String identity, PageState page) {}

    /** Recent items with a page, not looked at since {@code checkedBefore}, oldest look first. */
    public java.util.List<Tracked> itemsToRecheck(
            String sourceId, java.time.Instant seenAfter, java.time.Instant checkedBefore, int limit) {
        return Jdbc.inTransaction(
                dataSource,
                c -> Jdbc.query(
                        c,
                        "SELECT identity, link, page_etag, page_last_modified FROM source_item WHERE source_id = ?"
                                + " AND link IS NOT NULL AND first_seen_at >= ? AND (checked_at IS NULL OR checked_at < ?)"
                                + " ORDER BY checked_at NULLS FIRST LIMIT ?",
                        row -> new Tracked(
                                row.getString("identity"),
                                new PageState(
                                        row.getString("link"),
                                        row.getString("page_etag"),
                                        row.getString("page_last_modified"))),
                        sourceId,
                        seenAfter,
                        checkedBefore,
                        limit));
    }

    /** Records that an item's page was looked at and had not changed. */
    public void checked(String sourceId, String identity, PageState page) {
        Jdbc.inTransaction(
                dataSource,
                c -> Jdbc.update(
                        c,
                        "UPDATE source_item SET checked_at = ?, page_etag = ?, page_last_modified = ?"
                                + " WHERE source_id = ? AND identity = ?",
                        clock.instant(),
                        page.etag(),
                        page.lastModified(),
                        sourceId,
                        identity));
    }

    /**
     * A known item's text as fetched again: when it differs from the statement's, the statement takes
     * the new text (same id), the revision and its diff are kept, and {@code statement.revised} is
     * published, all in one transaction. Returns whether it was a revision.
     *
     * @param newTitle null keeps the statement's title
     */
    public boolean revise(String sourceId, String identity, PageState page, String newTitle, String body) {
        return published(reviseIn(sourceId, identity, page, newTitle, body), Boolean::booleanValue);
    }

    private boolean reviseIn(String sourceId, String identity, PageState page, String newTitle, String body) {
        return Jdbc.inTransaction(dataSource, c -> {
            java.util.List<Statement> current = Jdbc.query(
                    c,
                    "SELECT s.* FROM source_item i JOIN statement s ON s.id = i.statement_id"
                            + " WHERE i.source_id = ? AND i.identity = ? FOR UPDATE",
                    StatementStore.ROW,
                    sourceId,
                    identity);
            if (current.isEmpty()) {
                return false;
            }
            Statement before = current.get(0);
            String title = newTitle == null ? before.title() : newTitle;
            String sha256 = ContentHash.sha256(title, body);
            java.time.Instant now = clock.instant();
            Jdbc.update(
                    c,
                    "UPDATE source_item SET checked_at = ?, page_etag = ?, page_last_modified = ?, content_sha256 = ?"
                            + " WHERE source_id = ? AND identity = ?",
                    now,
                    page.etag(),
                    page.lastModified(),
                    sha256,
                    sourceId,
                    identity);
            if (sha256.equals(before.contentSha256())) {
                return false;
            }
            int revision = Jdbc.query(
                            c,
                            "SELECT coalesce(max(revision), 0) + 1 FROM statement_revision WHERE statement_id = ?",
                            row -> row.getInt(1),
                            before.id())
                    .get(0);
            String diff = TextDiff.unified(before.title() + "\n\n" + before.body(), title + "\n\n" + body);
            Statement after = new Statement(
                    before.id(),
                    before.sourceId(),
                    before.url(),
                    title,
                    body,
                    before.language(),
                    before.publishedAt(),
                    now,
                    sha256);
            Jdbc.update(
                    c,
                    "UPDATE statement SET title = ?, body = ?, content_sha256 = ?, retrieved_at = ? WHERE id = ?",
                    title,
                    body,
                    sha256,
                    now,
                    before.id());
            Jdbc.update(
                    c,
                    "INSERT INTO statement_revision (statement_id, revision, content_sha256, previous_sha256, diff,"
                            + " retrieved_at) VALUES (?, ?, ?, ?, ?, ?)",
                    before.id(),
                    revision,
                    sha256,
                    before.contentSha256(),
                    diff,
                    now);
            outbox.add(
                    c,
                    new OutboxEvent(
                            0,
                            KafkaTopics.STATEMENTS,
                            before.id().toString(),
                            UUID.nameUUIDFromBytes((before.id() + "/revision/" + revision)
                                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                            EventTypes.STATEMENT_REVISED,
                            now,
                            CloudEventCodec.toJson(EventSize.forEvent(
                                    new StatementRevised(after, revision, before.contentSha256(), diff))),
                            false));
            return true;
        });
    }

    /** The identities among {@code identities} the source already turned into statements. */
    public java.util.Set<String> knownItems(String sourceId, java.util.Collection<String> identities) {
        if (identities.isEmpty()) {
            return java.util.Set.of();
        }
        return Jdbc.inTransaction(
                dataSource,
                c -> new java.util.HashSet<>(Jdbc.query(
                        c,
                        "SELECT identity FROM source_item WHERE source_id = ? AND identity = ANY (?)",
                        row -> row.getString(1),
                        sourceId,
                        c.createArrayOf("text", identities.toArray()))));
    }

    private Accepted store(java.sql.Connection c, NewStatement in, boolean backfill) throws java.sql.SQLException {
        String sha256 = ContentHash.sha256(in.title(), in.body());
        Statement candidate = new Statement(
                UUID.randomUUID(),
                in.sourceId(),
                in.url(),
                in.title(),
                in.body(),
                in.language(),
                in.publishedAt(),
                clock.instant(),
                sha256);
        {
            if (statements.insertIfAbsent(c, candidate, in.textFrom())) {
                outbox.add(
                        c,
                        new OutboxEvent(
                                0,
                                KafkaTopics.STATEMENTS,
                                candidate.id().toString(),
                                candidate.id(),
                                EventTypes.STATEMENT_PUBLISHED,
                                candidate.retrievedAt(),
                                CloudEventCodec.toJson(EventSize.forEvent(candidate)),
                                backfill));
                return new Accepted(candidate, true);
            }
            // Stored before, possibly by a concurrent request that won the unique key.
            Statement existing = statements
                    .findByContent(c, in.url(), sha256)
                    .orElseThrow(() -> new IllegalStateException("statement vanished after a conflict"));
            return new Accepted(existing, false);
        }
    }
}
