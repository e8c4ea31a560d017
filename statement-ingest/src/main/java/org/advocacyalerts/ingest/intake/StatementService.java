package org.advocacyalerts.ingest.intake;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.UUID;
import javax.sql.DataSource;
import org.advocacyalerts.ingest.outbox.OutboxStore;
import org.advocacyalerts.ingest.outbox.OutboxStore.OutboxEvent;
import org.advocacyalerts.ingest.store.ContentHash;
import org.advocacyalerts.ingest.store.NewStatement;
import org.advocacyalerts.ingest.store.StatementStore;
import org.advocacyalerts.model.CloudEventCodec;
import org.advocacyalerts.model.EventTypes;
import org.advocacyalerts.model.KafkaTopics;
import org.advocacyalerts.model.Statement;
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

    StatementService(DataSource dataSource, StatementStore statements, OutboxStore outbox, Clock clock) {
        this.dataSource = dataSource;
        this.statements = statements;
        this.outbox = outbox;
        this.clock = clock;
    }

    public Accepted accept(NewStatement in) {
        return Jdbc.inTransaction(dataSource, c -> store(c, in));
    }

    /**
     * A feed item: stored and published like an API statement, and remembered under its identity in the
     * source, in the same transaction, so a crash between the two can neither lose the item nor publish
     * it twice. An identity already known to the source stores nothing (false).
     */
    public boolean acceptItem(String sourceId, String identity, NewStatement in) {
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
            Accepted accepted = store(c, in);
            int rows = Jdbc.update(
                    c,
                    "INSERT INTO source_item (source_id, identity, statement_id, content_sha256, first_seen_at)"
                            + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    sourceId,
                    identity,
                    accepted.statement().id(),
                    accepted.statement().contentSha256(),
                    clock.instant());
            if (rows == 0) {
                // Another replica stored the same item a moment ago; roll back our statement, if any.
                c.rollback();
                return false;
            }
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

    private Accepted store(java.sql.Connection c, NewStatement in) throws java.sql.SQLException {
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
            if (statements.insertIfAbsent(c, candidate)) {
                outbox.add(
                        c,
                        new OutboxEvent(
                                0,
                                KafkaTopics.STATEMENTS,
                                candidate.id().toString(),
                                candidate.id(),
                                EventTypes.STATEMENT_PUBLISHED,
                                candidate.retrievedAt(),
                                CloudEventCodec.toJson(candidate)));
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
