package org.advocacyalerts.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The figures topic-quality prints beside each precision and recall. */
class TopicQualityTest {

    /**
     * The 95 % Wilson score interval, against the published values of Newcombe's worked examples ("Two-sided
     * confidence intervals for the single proportion", Statistics in Medicine 17, 1998, the score method
     * without continuity correction: 81 of 263 gives 0.2553–0.3662, 15 of 148 gives 0.0624–0.1605, 0 of 20
     * gives 0–0.1611), and the bounds that need no formula: no trials say nothing.
     */
    @Test
    void aCellsIntervalIsTheWilsonScoreInterval() {
        assertThat(TopicQuality.Counts.interval(81, 263)).containsExactly(new double[] {0.2553, 0.3662}, within(1e-4));
        assertThat(TopicQuality.Counts.interval(15, 148)).containsExactly(new double[] {0.0624, 0.1605}, within(1e-4));
        assertThat(TopicQuality.Counts.interval(0, 20)).containsExactly(new double[] {0.0, 0.1611}, within(1e-4));
        assertThat(TopicQuality.Counts.interval(0, 0)).containsExactly(0.0, 1.0);
    }

    /**
     * Without its title a statement a topic found by its title is missed, and one it left out by its title is
     * taken: what the "Without titles" line counts for a topic that leans on titles.
     */
    @Test
    void withoutTitlesATopicThatLeansOnThemMissesAndTakesWhatItsTitlesDecided(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("found.json"), """
                {"id":"found","query":"peace AND title:Armenia","aliases":[]}
                """);
        Files.writeString(dir.resolve("left.json"), """
                {"id":"left","query":"peace NOT title:Kosovo","aliases":[]}
                """);
        List<EvalData.Doc> docs = List.of(
                new EvalData.Doc("a", "Armenia", "The peace talks resumed.", "en", List.of("found", "left")),
                new EvalData.Doc("k", "Kosovo", "The peace talks resumed.", "en", List.of()));
        var topics = TopicQuality.topics(dir);

        TopicQuality.Report titled = TopicQuality.evaluate(docs, topics);
        TopicQuality.Report untitled = TopicQuality.evaluate(TopicQuality.untitled(docs), topics);

        assertThat(titled.of("found", "en").recall()).isEqualTo(1.0);
        assertThat(titled.of("left", "en").precision()).isEqualTo(1.0);
        assertThat(untitled.of("found", "en").recall()).isEqualTo(0.0);
        assertThat(untitled.of("left", "en").fp).isEqualTo(1);
    }

    /**
     * What the interval is for: 11 right of 13 matches (0.846) may be a topic whose precision is 0.9, 128
     * right of 154 (0.831) may not.
     */
    @Test
    void aSmallCellUnderTheTargetMayStillBeATopicThatMeetsIt() {
        assertThat(TopicQuality.Counts.interval(11, 13)[1]).isGreaterThan(TopicQuality.TARGET);
        assertThat(TopicQuality.Counts.interval(128, 154)[1]).isLessThan(TopicQuality.TARGET);
    }
}
