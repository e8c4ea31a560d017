package org.advocacyalerts.ingest.intake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextDiffTest {

    // Expected texts are what GNU diff -u prints for the same two files (without its file header lines).

    @Test
    void aChangedParagraphIsShownWithItsContext() {
        String before =
                "Title\n\nWe urge the release of all detainees.\n\nThe border must be demarcated.\n\nThank you.";
        String after =
                "Title\n\nWe urge the immediate release of all detainees.\n\nThe border must be demarcated.\n\nThank you.";
        assertThat(TextDiff.unified(before, after))
                .isEqualTo("--- previous\n+++ revised\n"
                        + "@@ -1,6 +1,6 @@\n"
                        + " Title\n"
                        + " \n"
                        + "-We urge the release of all detainees.\n"
                        + "+We urge the immediate release of all detainees.\n"
                        + " \n"
                        + " The border must be demarcated.\n"
                        + " \n");
    }

    @Test
    void distantChangesAreSeparateHunksAndAddedLinesCount() {
        StringBuilder before = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            before.append("line ").append(i).append('\n');
        }
        String after = before.toString().replace("line 2\n", "line two\n").replace("line 19\n", "line 19\nline 19b\n");
        String diff = TextDiff.unified(before.toString(), after);
        assertThat(diff)
                .contains("@@ -1,5 +1,5 @@\n line 1\n-line 2\n+line two\n line 3\n line 4\n line 5\n@@")
                .endsWith("@@ -17,4 +17,5 @@\n line 17\n line 18\n line 19\n+line 19b\n line 20\n");
    }

    @Test
    void identicalTextsHaveNoHunk() {
        assertThat(TextDiff.unified("a\nb", "a\nb")).isEqualTo("--- previous\n+++ revised\n");
    }

    @Test
    void aOneLineRangeHasNoCountAsInGnuDiff() {
        assertThat(TextDiff.unified("x", "y")).isEqualTo("--- previous\n+++ revised\n@@ -1 +1 @@\n-x\n+y\n");
    }

    @Test
    void textsTooLongToSearchAreShownAsReplacedWhole() {
        String before = "old line\n".repeat(2_500);
        String after = "new line\n".repeat(2_000); // 5,000,000 line pairs: over the bound

        String diff = TextDiff.unified(before, after);

        assertThat(diff).startsWith("--- previous\n+++ revised\n@@ -1,2500 +1,2000 @@\n-old line\n");
        assertThat(diff.lines().filter(l -> l.startsWith("-")).count()).isEqualTo(2_501); // with "--- previous"
        assertThat(diff.lines().filter(l -> l.startsWith("+")).count()).isEqualTo(2_001);
    }
}
