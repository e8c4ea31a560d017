package org.advocacyalerts.dispatcher.consume;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.advocacyalerts.dispatcher.match.TopicRegistry;
import org.advocacyalerts.model.Evidence;
import org.advocacyalerts.model.Statement;
import org.advocacyalerts.model.TopicMatch;
import org.advocacyalerts.model.TraceContext;

/**
 * What planning one statement knows before it looks at a subscription: the text, which revision it is
 * (0: the first text), what it matched, the moment every alert of the plan is stamped with, and the
 * planning span its alerts are sent under (null when nothing is traced).
 *
 * @param byTopic each matched topic's evidence, in the matcher's order
 * @param ownQueries each matching subscription query's evidence, by subscription id
 */
record PlanContext(
        Statement statement,
        int revision,
        Map<String, TopicMatch> byTopic,
        Map<UUID, List<Evidence>> ownQueries,
        Instant now,
        String traceparent) {

    /** The plan made in the current span (the statement record's, see {@link StatementListener}). */
    static PlanContext of(Statement statement, int revision, TopicRegistry.Matches matches, Instant now) {
        Map<String, TopicMatch> byTopic = new LinkedHashMap<>();
        matches.topics().forEach(m -> byTopic.put(m.topic(), m));
        return new PlanContext(
                statement, revision, byTopic, matches.subscriptionQueries(), now, TraceContext.current());
    }

    boolean matchedNothing() {
        return byTopic.isEmpty() && ownQueries.isEmpty();
    }
}
