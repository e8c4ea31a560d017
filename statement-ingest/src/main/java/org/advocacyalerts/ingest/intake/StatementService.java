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
        return Jdbc.inTransaction(dataSource, c -> {
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
        });
    }
}
