package org.advocacyalerts.matcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.advocacyalerts.model.Evidence;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.junit.jupiter.api.Test;

class EvidenceOrderTest {

    private static final CompiledQuery QUERY = new CompiledQuery(
            "POWs AND Armenia",
            new MatchAllDocsQuery(),
            List.of(
                    new CompiledQuery.Clause("POWs", false, List.of("pows"), List.of()),
                    new CompiledQuery.Clause("Armenia", false, List.of("armenia"), List.of())));

    @Test
    void theSubjectComesFirstThenTitleBeforeBodyThenReadingOrder() {
        Evidence contextInTitle = new Evidence("title", 0, 7, "Armenia", "Armenia and its POWs", "Armenia");
        Evidence subjectLate = new Evidence("body", 40, 44, "POWs", "Release the POWs.", "POWs");
        Evidence subjectEarly = new Evidence("body", 10, 14, "POWs", "The POWs wait.", "POWs");
        Evidence subjectInTitle = new Evidence("title", 16, 20, "POWs", "Armenia and its POWs", "POWs");

        assertThat(EvidenceOrder.ordered(QUERY, List.of(contextInTitle, subjectLate, subjectEarly, subjectInTitle)))
                .containsExactly(subjectInTitle, subjectEarly, subjectLate, contextInTitle);
    }

    @Test
    void ofNestedSpansOnlyTheWidestIsKept() {
        Evidence wide = new Evidence("body", 10, 26, "prisoners of war", "All prisoners of war.", "POWs");
        Evidence inside = new Evidence("body", 10, 19, "prisoners", "All prisoners of war.", "POWs");

        assertThat(EvidenceOrder.ordered(QUERY, List.of(inside, wide))).containsExactly(wide);
    }

    @Test
    void evidenceOfAnUnknownClauseComesLast() {
        Evidence unknown = new Evidence("title", 0, 4, "Baku", "Baku", "Baku");
        Evidence context = new Evidence("body", 30, 37, "Armenia", "In Armenia.", "Armenia");

        assertThat(EvidenceOrder.ordered(QUERY, List.of(unknown, context))).containsExactly(context, unknown);
    }
}
