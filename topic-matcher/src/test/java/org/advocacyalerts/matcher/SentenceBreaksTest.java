package org.advocacyalerts.matcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceBreaksTest {

    /** The text cut at its sentence starts (as evidence shows them: no space around). */
    private static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        int from = 0;
        for (int start : SentenceBreaks.starts(text)) {
            out.add(new Sentences(text).around(from, from + 1));
            from = start;
        }
        out.add(new Sentences(text).around(from, from + 1));
        return out;
    }

    @Test
    void fullStopsQuestionAndExclamationMarksAndLineBreaksEndSentences() {
        assertThat(sentences("Azerbaijan must release them. The talks resume! Will they? \"Yes.\" 15 came home."))
                .containsExactly(
                        "Azerbaijan must release them.",
                        "The talks resume!",
                        "Will they?",
                        "\"Yes.\"",
                        "15 came home.");
        assertThat(sentences("Readout\n\nThe Secretary spoke with the Prime Minister"))
                .containsExactly("Readout", "The Secretary spoke with the Prime Minister");
        assertThat(sentences("extending the waiver:\n\n* is necessary; or\n* is important to border security"))
                .containsExactly("extending the waiver:", "* is necessary; or", "* is important to border security");
    }

    @Test
    void aSingleLineBreakOfAHardWrappedTextIsASpace() {
        assertThat(sentences("He expressed concern over tensions between Armenia and\nAzerbaijan, and emphasized"
                        + " that movements near un-demarcated borders\nare irresponsible."))
                .hasSize(1);
    }

    @Test
    void aNoBreakSpaceAfterAFullStopIsASpace() {
        // As in the White House's pages: "hostage deal.\u00a0 They also discussed"
        assertThat(sentences("They urged a hostage deal.\u00a0 They also discussed trade.\u00a0 They emphasized"
                        + " peace.\n\u00a0\u00a0\n\nEnd"))
                .containsExactly(
                        "They urged a hostage deal.", "They also discussed trade.", "They emphasized peace.", "End");
    }

    @Test
    void abbreviationsInitialsAndNumbersDoNotEndASentence() {
        assertThat(sentences("The U.S. Department of State and Mr. Price spoke of Sec. 907 and of J. Smith."))
                .hasSize(1);
        assertThat(sentences("It was agreed at 3 p.m. The talks went on.")).hasSize(1);
        assertThat(sentences("Section 907. Restriction on assistance")).hasSize(2);
        assertThat(sentences("Under Art. 5 of the treaty")).hasSize(1);
        assertThat(sentences("the mean was 2.5 percent and 3.1 later")).hasSize(1);
    }

    @Test
    void aLowerCaseWordAfterAFullStopGoesOnTheSentence() {
        assertThat(sentences("See e.g. the annex. then more")).hasSize(1);
    }

    @Test
    void frenchSentencesBreakTheSameWay() {
        assertThat(
                        sentences(
                                "La France salue l'accord. Elle appelle à la libération des prisonniers. M. Barrot s'est exprimé."))
                .containsExactly(
                        "La France salue l'accord.",
                        "Elle appelle à la libération des prisonniers.",
                        "M. Barrot s'est exprimé.");
    }
}
