package org.advocacyalerts.model;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * A record of {@link KafkaTopics#STATEMENTS} as a consumer may act on it: a published statement, or a
 * revision of one, decoded and checked. A record that is not such an event, or whose data lacks what
 * every statement has, is refused with {@link PoisonEventException} saying why, so the consumer moves it
 * aside instead of failing on it later (or on every restart).
 *
 * @param statement the statement (for a revision, as revised)
 * @param revision the revision, or null for a published statement
 * @param backfill history: stored, nobody alerted
 */
public record StatementEvent(Statement statement, StatementRevised revision, boolean backfill) {

    /** Decodes and checks a record of the statements topic. */
    public static StatementEvent read(ConsumerRecord<?, byte[]> record) {
        Header type = record.headers().lastHeader("ce_type");
        boolean revised =
                type != null && EventTypes.STATEMENT_REVISED.equals(new String(type.value(), StandardCharsets.UTF_8));
        boolean backfill = CloudEventCodec.isBackfill(record);
        if (revised) {
            StatementRevised revision =
                    CloudEventCodec.decode(record, EventTypes.STATEMENT_REVISED, StatementRevised.class);
            if (revision.statement() == null) {
                throw new PoisonEventException("statement.revised without its statement");
            }
            if (revision.revision() < 1) {
                throw new PoisonEventException("statement.revised with revision " + revision.revision() + " (from 1)");
            }
            check(revision.statement());
            return new StatementEvent(revision.statement(), revision, backfill);
        }
        Statement statement = CloudEventCodec.decode(record, EventTypes.STATEMENT_PUBLISHED, Statement.class);
        check(statement);
        return new StatementEvent(statement, null, backfill);
    }

    /** What every statement has; {@code body} may be empty (a statement of a title alone), never absent. */
    private static void check(Statement s) {
        List<String> missing = new ArrayList<>();
        if (s.id() == null) missing.add("id");
        if (s.sourceId() == null || s.sourceId().isBlank()) missing.add("sourceId");
        if (s.url() == null || s.url().isBlank()) missing.add("url");
        if (s.title() == null) missing.add("title");
        if (s.body() == null) missing.add("body");
        if (s.language() == null || s.language().isBlank()) missing.add("language");
        if (s.publishedAt() == null) missing.add("publishedAt");
        if (s.retrievedAt() == null) missing.add("retrievedAt");
        if (!missing.isEmpty()) {
            throw new PoisonEventException("statement " + s.id() + " lacks " + String.join(", ", missing));
        }
    }
}
