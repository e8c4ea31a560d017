package org.advocacyalerts.matcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.KeywordRepeatFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.util.ElisionFilter;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

class AnalysisTest {

    /** English analysis in three steps, as the French one still is: repeat each token, stem the copy, mark it. */
    private static final Analyzer REFERENCE = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String field) {
            Tokenizer source = new StandardTokenizer();
            TokenStream stream = new EnglishPossessiveFilter(source);
            stream = new ElisionFilter(stream, FrenchAnalyzer.DEFAULT_ARTICLES);
            stream = new ASCIIFoldingFilter(new LowerCaseFilter(stream));
            return new TokenStreamComponents(
                    source,
                    new Analysis.StemMarkFilter(
                            new KStemFilter(new KeywordRepeatFilter(stream)), Analysis.ENGLISH_STEM));
        }
    };

    /** Term, position and offsets of every token. */
    private static List<String> tokens(Analyzer analyzer, String text) throws IOException {
        List<String> tokens = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(Analysis.BODY, new StringReader(text))) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute position = stream.addAttribute(PositionIncrementAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            int at = -1;
            while (stream.incrementToken()) {
                at += position.getPositionIncrement();
                tokens.add(term + "@" + at + "[" + offset.startOffset() + "," + offset.endOffset() + "]");
            }
            stream.end();
        }
        return tokens;
    }

    @Test
    void englishTermsArePutThereAsKeywordRepeatAndKStemWouldPutThem() throws IOException {
        for (String text : List.of(
                "The U.S. urges Azerbaijan's government to release all Armenian prisoners of war (POWs).",
                "Nagorno-Karabakh’s détenus, l'Arménie — 907 waivers; Sec. 907 of the FREEDOM Support Act",
                "Detained, detaining, detainees: the captives were released in 2021 and 2023.",
                "",
                "a")) {
            for (int round = 0; round < 2; round++) { // the second time through reused streams
                assertThat(tokens(Analysis.ENGLISH, text)).as(text).isEqualTo(tokens(REFERENCE, text));
            }
        }
        assertThat(tokens(Analysis.ENGLISH, "prisoners released"))
                .containsExactly("prisoners@0[0,9]", "~prisoner@0[0,9]", "released@1[10,18]", "~release@1[10,18]");
    }

    @Test
    void aMonitorsAnalysisKeepsOnlyTheStemsItsOwnQueriesAskAbout() throws IOException {
        TermIds prisoners = new TermIds();
        prisoners.of(Analysis.BODY, new BytesRef("~prisoner"));
        TermIds border = new TermIds();
        border.of(Analysis.BODY, new BytesRef("~border"));

        String text = "prisoners released at the border";
        assertThat(tokens(Analysis.matching(prisoners), text))
                .containsExactly(
                        "prisoners@0[0,9]",
                        "~prisoner@0[0,9]",
                        "released@1[10,18]",
                        "at@2[19,21]",
                        "the@3[22,25]",
                        "border@4[26,32]");
        assertThat(tokens(Analysis.matching(border), text))
                .containsExactly(
                        "prisoners@0[0,9]",
                        "released@1[10,18]",
                        "at@2[19,21]",
                        "the@3[22,25]",
                        "border@4[26,32]",
                        "~border@4[26,32]");
    }

    @Test
    void aStemNumberedLaterIsKeptFromThenOn() throws IOException {
        TermIds ids = new TermIds();
        Analyzer matching = Analysis.matching(ids);
        assertThat(tokens(matching, "detainees")).containsExactly("detainees@0[0,9]");

        ids.of(Analysis.TITLE, new BytesRef("~detainee"));

        assertThat(tokens(matching, "detainees")).containsExactly("detainees@0[0,9]", "~detainee@0[0,9]");
    }
}
