package org.advocacyalerts.ingest.intake;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.advocacyalerts.ingest.metrics.IngestMetrics;
import org.advocacyalerts.ingest.outbox.OutboxRelay;
import org.advocacyalerts.ingest.store.ContentHash;
import org.advocacyalerts.ingest.store.NewStatement;
import org.advocacyalerts.ingest.store.OutboxStore;
import org.advocacyalerts.ingest.store.OutboxStore.OutboxEvent;
import org.advocacyalerts.ingest.store.SourceItemStore;
import org.advocacyalerts.ingest.store.SourceItemStore.PageState;
import org.advocacyalerts.ingest.store.SourceItemStore.Tracked;
import org.advocacyalerts.ingest.store.StatementStore;
import org.advocacyalerts.model.CloudEventCodec;
import org.advocacyalerts.model.EventSize;
import org.advocacyalerts.model.EventTypes;
import org.advocacyalerts.model.KafkaTopics;
import org.advocacyalerts.model.Statement;
import org.advocacyalerts.model.StatementRevised;
import org.advocacyalerts.model.TraceContext;
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
    private final SourceItemStore items;
    private final OutboxStore outbox;
    private final Clock clock;
    private final OutboxRelay relay;
    private final IngestMetrics metrics;

    StatementService(
            DataSource dataSource,
            StatementStore statements,
            SourceItemStore items,
            OutboxStore outbox,
            Clock clock,
            OutboxRelay relay,
            IngestMetrics metrics) {
        this.dataSource = dataSource;
        this.statements = statements;
        this.items = items;
        this.outbox = outbox;
        this.clock = clock;
        this.relay = relay;
        this.metrics = metrics;
    }

    public Accepted accept(NewStatement in) {
        Accepted accepted = published(Jdbc.inTransaction(dataSource, c -> store(c, in, false)), Accepted::created);
        if (accepted.created()) {
            metrics.stored(IngestMetrics.API);
        }
        return accepted;
    }

    /** A transaction that added an outbox event has committed: its event goes to Kafka now. */
    private <T> T published(T result, Predicate<T> added) {
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
        boolean stored = published(acceptItemIn(sourceId, identity, page, in, backfill), Boolean::booleanValue);
        if (stored) {
            metrics.stored(sourceId);
        }
        return stored;
    }

    private boolean acceptItemIn(String sourceId, String identity, PageState page, NewStatement in, boolean backfill) {
        return Jdbc.inTransaction(dataSource, c -> {
            if (items.lockKnown(c, sourceId, identity)) {
                return false;
            }
            Accepted accepted = store(c, in, backfill);
            if (!items.remember(c, sourceId, identity, accepted.statement(), page, clock.instant())) {
                // Another replica stored the same item a moment ago; roll back our statement, if any.
                c.rollback();
                return false;
            }
            return true;
        });
    }

    /** Recent items with a page, not looked at since {@code checkedBefore}, oldest look first. */
    public List<Tracked> itemsToRecheck(String sourceId, Instant seenAfter, Instant checkedBefore, int limit) {
        return Jdbc.inTransaction(dataSource, c -> items.toRecheck(c, sourceId, seenAfter, checkedBefore, limit));
    }

    /** Records that an item's page was looked at and had not changed. */
    public void checked(String sourceId, String identity, PageState page) {
        Jdbc.inTransaction(dataSource, c -> {
            items.checked(c, sourceId, identity, page, null, clock.instant());
            return null;
        });
    }

    /**
     * A known item's text as fetched again: when it differs from the statement's, the statement takes
     * the new text (same id), the revision and its diff are kept, and {@code statement.revised} is
     * published, all in one transaction. Returns whether it was a revision.
     *
     * @param newTitle null keeps the statement's title
     */
    public boolean revise(String sourceId, String identity, PageState page, String newTitle, String body) {
        boolean revised = published(reviseIn(sourceId, identity, page, newTitle, body), Boolean::booleanValue);
        if (revised) {
            metrics.revised(sourceId);
        }
        return revised;
    }

    private boolean reviseIn(String sourceId, String identity, PageState page, String newTitle, String body) {
        return Jdbc.inTransaction(dataSource, c -> {
            Optional<Statement> current = items.lockStatement(c, sourceId, identity);
            if (current.isEmpty()) {
                return false;
            }
            Statement before = current.get();
            String title = newTitle == null ? before.title() : newTitle;
            String sha256 = ContentHash.sha256(title, body);
            Instant now = clock.instant();
            items.checked(c, sourceId, identity, page, sha256, now);
            if (sha256.equals(before.contentSha256())) {
                return false;
            }
            int revision = statements.nextRevision(c, before.id());
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
            statements.revise(c, after, revision, before.contentSha256(), diff);
            outbox.add(
                    c,
                    new OutboxEvent(
                            0,
                            KafkaTopics.STATEMENTS,
                            before.id().toString(),
                            UUID.nameUUIDFromBytes(
                                    (before.id() + "/revision/" + revision).getBytes(StandardCharsets.UTF_8)),
                            EventTypes.STATEMENT_REVISED,
                            now,
                            CloudEventCodec.toJson(EventSize.forEvent(
                                    new StatementRevised(after, revision, before.contentSha256(), diff))),
                            false,
                            TraceContext.current()));
            return true;
        });
    }

    /** The identities among {@code identities} the source already turned into statements. */
    public Set<String> knownItems(String sourceId, Collection<String> identities) {
        if (identities.isEmpty()) {
            return Set.of();
        }
        return Jdbc.inTransaction(dataSource, c -> items.known(c, sourceId, identities));
    }

    private Accepted store(Connection c, NewStatement in, boolean backfill) throws SQLException {
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
                                backfill,
                                TraceContext.current()));
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
