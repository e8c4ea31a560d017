package org.advocacyalerts.dispatcher.console;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.advocacyalerts.dispatcher.store.ConsoleStore.DayCount;

/**
 * A topic's statements and alerts per day as bars of an inline SVG chart (drawn by the page's template:
 * no script, no image request), one bar a day, each scaled to the topic's busiest day.
 */
public record ActivityChart(
        String topicId,
        String topicName,
        int statements,
        int alerts,
        int maxStatements,
        int maxAlerts,
        List<Bar> statementBars,
        List<Bar> alertBars) {

    /** Width of a day's bar, and the chart's height, in SVG units. */
    public static final int BAR = 4;

    public static final int HEIGHT = 48;

    /** One day's bar: where it stands and how tall, with its day and count for its tooltip. */
    public record Bar(int x, int y, int height, LocalDate day, int count) {}

    /** The ids of the charts' titles in the page. */
    public String statementsChartId() {
        return "chart-" + topicId + "-s";
    }

    public String alertsChartId() {
        return "chart-" + topicId + "-a";
    }

    public int width() {
        return Math.max(statementBars.size(), alertBars.size()) * BAR;
    }

    /** One chart per topic, days from {@code first} to {@code last} (UTC), in the order of {@code topics}. */
    public static List<ActivityChart> of(
            Map<String, String> topics,
            List<DayCount> matches,
            List<DayCount> alerts,
            LocalDate first,
            LocalDate last) {
        List<ActivityChart> charts = new ArrayList<>();
        Map<String, Map<LocalDate, Integer>> matched = byTopic(matches);
        Map<String, Map<LocalDate, Integer>> alerted = byTopic(alerts);
        topics.forEach((id, name) -> {
            Map<LocalDate, Integer> m = matched.getOrDefault(id, Map.of());
            Map<LocalDate, Integer> a = alerted.getOrDefault(id, Map.of());
            int maxM = m.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            int maxA = a.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            charts.add(new ActivityChart(
                    id,
                    name,
                    m.values().stream().mapToInt(Integer::intValue).sum(),
                    a.values().stream().mapToInt(Integer::intValue).sum(),
                    maxM,
                    maxA,
                    bars(m, maxM, first, last),
                    bars(a, maxA, first, last)));
        });
        return charts;
    }

    private static Map<String, Map<LocalDate, Integer>> byTopic(List<DayCount> counts) {
        Map<String, Map<LocalDate, Integer>> byTopic = new HashMap<>();
        for (DayCount count : counts) {
            byTopic.computeIfAbsent(count.topicId(), t -> new HashMap<>())
                    .merge(count.day(), count.count(), Integer::sum);
        }
        return byTopic;
    }

    private static List<Bar> bars(Map<LocalDate, Integer> perDay, int max, LocalDate first, LocalDate last) {
        List<Bar> bars = new ArrayList<>();
        int x = 0;
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1), x += BAR) {
            int count = perDay.getOrDefault(day, 0);
            // a day with any at all stays visible: at least 2 units tall
            int height = count == 0 ? 0 : Math.max(2, Math.round((float) count * HEIGHT / max));
            bars.add(new Bar(x, HEIGHT - height, height, day, count));
        }
        return bars;
    }
}
