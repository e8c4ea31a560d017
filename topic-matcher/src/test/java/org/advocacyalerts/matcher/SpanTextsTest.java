package org.advocacyalerts.matcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.advocacyalerts.model.Evidence;
import org.junit.jupiter.api.Test;

class SpanTextsTest {

    private static final String BODY =
            "The talks went on. Azerbaijan must release the prisoners of war held in Baku. Nothing else.";
    private static final StatementText STATEMENT = new StatementText("Prisoners of war", BODY, "en", "state");

    private final SpanTexts texts = new SpanTexts(STATEMENT, new TermIds());

    @Test
    void aSpanKnowsItsTextAndTheSentenceAroundIt() {
        int start = BODY.indexOf("prisoners of war");
        SpanTexts.SpanText span = texts.span(new MatchedSpan(Analysis.BODY, start, start + 16));

        assertThat(span.matched).isEqualTo("prisoners of war");
        assertThat(span.sentence).isEqualTo("Azerbaijan must release the prisoners of war held in Baku.");
    }

    @Test
    void aSpanSeenAgainIsMadeOnceAndTitleAndBodyAreKeptApart() {
        MatchedSpan inBody = new MatchedSpan(Analysis.BODY, 0, 3);
        MatchedSpan inTitle = new MatchedSpan(Analysis.TITLE, 0, 3);

        assertThat(texts.span(inBody)).isSameAs(texts.span(new MatchedSpan(Analysis.BODY, 0, 3)));
        assertThat(texts.span(inTitle).matched).isEqualTo("Pri");
        assertThat(texts.span(inBody).matched).isEqualTo("The");
    }

    @Test
    void aSpanOutsideTheTextIsNone() {
        assertThat(texts.span(new MatchedSpan(Analysis.TITLE, 10, 500))).isNull();
        assertThat(texts.span(new MatchedSpan(Analysis.BODY, 5, 5))).isNull();
    }

    @Test
    void manySpansAllFoundAgain() {
        List<SpanTexts.SpanText> first = new ArrayList<>();
        for (int i = 0; i + 2 < BODY.length(); i++) {
            first.add(texts.span(new MatchedSpan(Analysis.BODY, i, i + 2)));
        }
        for (int i = 0; i + 2 < BODY.length(); i++) {
            assertThat(texts.span(new MatchedSpan(Analysis.BODY, i, i + 2))).isSameAs(first.get(i));
        }
    }

    @Test
    void evidenceLeavesOutSourceAndLanguageAndListsEachSpanOnce() {
        int start = BODY.indexOf("Baku");
        MatchedSpan baku = new MatchedSpan(Analysis.BODY, start, start + 4);
        List<Evidence> evidence = texts.evidence(
                List.of(new MatchedSpan(Analysis.SOURCE, 0, 5), baku, baku),
                new ClauseAttribution.Clauses(
                        List.of(new CompiledQuery.Clause("Baku", false, List.of("baku"), List.of("~baku"))),
                        new TermIds(),
                        false));

        assertThat(evidence).singleElement().satisfies(e -> {
            assertThat(e.text()).isEqualTo("Baku");
            assertThat(e.field()).isEqualTo("body");
        });
    }
}
