package org.advocacyalerts.matcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

class StatementTermsTest {

    private static final String BODY =
            "Release the prisoners now. The prisoners of war must go home, said the prisoner.";

    private final TermIds ids = new TermIds();

    private static LeafReader reader(String body) {
        StatementText statement = new StatementText("Prisoners", body, "en", "state");
        MemoryIndex index = MemoryIndex.fromDocument(
                TopicMonitor.document(statement), TopicMonitor.analyzer(statement), true, false);
        return index.createSearcher().getIndexReader().leaves().get(0).reader();
    }

    @Test
    void aKnownTermGivesEachPositionWithItsOffsets() {
        TermIds.Term prisoners = ids.of(Analysis.BODY, new BytesRef("prisoners"));

        int[] postings = StatementTerms.of(reader(BODY), ids).postings(prisoners);

        int first = BODY.indexOf("prisoners");
        int second = BODY.indexOf("prisoners", first + 1);
        assertThat(postings).hasSize(6);
        assertThat(new int[] {postings[1], postings[2], postings[4], postings[5]})
                .containsExactly(first, first + 9, second, second + 9);
        assertThat(postings[3]).isGreaterThan(postings[0]);
    }

    @Test
    void aTermTheStatementLacksHasNoPostings() {
        TermIds.Term baku = ids.of(Analysis.BODY, new BytesRef("baku"));

        assertThat(StatementTerms.of(reader(BODY), ids).postings(baku)).isEmpty();
    }

    @Test
    void wordsWithAPrefixComeInByteOrderUpToTheLimit() {
        StatementTerms terms = StatementTerms.of(reader(BODY), ids);
        int body = ids.fieldIndex(Analysis.BODY);

        List<int[]> two = terms.prefixed(body, new BytesRef("prisoner"), 2);
        List<int[]> all = terms.prefixed(body, new BytesRef("prisoner"), 10);

        assertThat(two).hasSize(2);
        assertThat(all).hasSize(2); // "prisoner" and "prisoners"
        assertThat(all.get(0)).hasSize(3); // "prisoner": once
        assertThat(all.get(1)).hasSize(6); // "prisoners": twice
        assertThat(terms.prefixed(body, new BytesRef("zz"), 10)).isEmpty();
    }

    @Test
    void aNewerStatementOnTheThreadDoesNotMixItsTermsIntoAnOlderOne() {
        TermIds.Term war = ids.of(Analysis.BODY, new BytesRef("war"));
        StatementTerms older = StatementTerms.of(reader(BODY), ids);
        assertThat(older.postings(war)).hasSize(3);

        StatementTerms newer = StatementTerms.of(reader("No such word here."), ids);
        assertThat(newer.postings(war)).isEmpty();
        assertThat(older.postings(war)).as("taken back, read again").hasSize(3);
    }
}
