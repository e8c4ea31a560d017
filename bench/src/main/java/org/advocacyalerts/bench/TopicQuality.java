package org.advocacyalerts.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.advocacyalerts.matcher.CompiledQuery;
import org.advocacyalerts.matcher.Match;
import org.advocacyalerts.matcher.QueryCompiler;
import org.advocacyalerts.matcher.QueryLimits;
import org.advocacyalerts.matcher.StatementText;
import org.advocacyalerts.matcher.Thesaurus;
import org.advocacyalerts.matcher.TopicMonitor;
import org.advocacyalerts.model.Evidence;

/**
 * {@code bench/run topic-quality --labels FILE [--topics DIR]}: precision, recall and F1 of each topic on
 * labelled statements, with every false positive (and the evidence that made it match) and every false
 * negative, so a topic can be tuned by reading why it erred.
 */
public final class TopicQuality {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Counts(int tp, int fp, int fn) {}

    public static void main(String[] args) throws IOException {
        Map<String, String> options = MatcherBenchmark.options(args);
        if (!options.containsKey("labels")) {
            System.err.println("usage: bench/run topic-quality --labels FILE [--topics DIR]");
            System.exit(2);
        }
        Path root = Path.of(System.getProperty("bench.root", "."));
        Path topicsDir = Path.of(
                options.getOrDefault("topics", root.resolve("seeds/topics").toString()));
        List<EvalData.Doc> docs = withText(EvalData.read(Path.of(options.get("labels"))));

        Map<String, CompiledQuery> topics = topics(topicsDir);
        Map<String, int[]> counts = new TreeMap<>();
        topics.keySet().forEach(t -> counts.put(t, new int[3]));
        List<String> errors = new ArrayList<>();
        try (TopicMonitor monitor = new TopicMonitor()) {
            monitor.register(topics);
            for (EvalData.Doc doc : docs) {
                Map<String, List<Evidence>> predicted = new LinkedHashMap<>();
                for (Match m : monitor.match(new StatementText(doc.title(), doc.text(), doc.language(), null))) {
                    predicted.put(m.queryId(), m.evidence());
                }
                for (String topic : topics.keySet()) {
                    boolean expected = doc.topics().contains(topic);
                    boolean got = predicted.containsKey(topic);
                    int[] c = counts.get(topic);
                    if (expected && got) {
                        c[0]++;
                    } else if (got) {
                        c[1]++;
                        Evidence first = predicted.get(topic).isEmpty()
                                ? null
                                : predicted.get(topic).get(0);
                        errors.add(String.format(
                                "FP %-22s %s | %s%n     evidence: %s", topic, doc.id(), doc.title(), describe(first)));
                    } else if (expected) {
                        c[2]++;
                        errors.add(String.format("FN %-22s %s | %s", topic, doc.id(), doc.title()));
                    }
                }
            }
        }
        print(docs.size(), counts, errors);
    }

    private static void print(int docs, Map<String, int[]> counts, List<String> errors) {
        System.out.printf("%-22s %5s %5s %5s %9s %7s %6s%n", "topic", "tp", "fp", "fn", "precision", "recall", "f1");
        int tp = 0, fp = 0, fn = 0;
        double macro = 0;
        for (Map.Entry<String, int[]> e : counts.entrySet()) {
            int[] c = e.getValue();
            tp += c[0];
            fp += c[1];
            fn += c[2];
            double f1 = f1(c[0], c[1], c[2]);
            macro += f1;
            System.out.printf(
                    Locale.ROOT,
                    "%-22s %5d %5d %5d %9s %7s %6s%n",
                    e.getKey(),
                    c[0],
                    c[1],
                    c[2],
                    ratio(c[0], c[0] + c[1]),
                    ratio(c[0], c[0] + c[2]),
                    fmt(f1));
        }
        System.out.println();
        errors.forEach(System.out::println);
        System.out.printf(
                Locale.ROOT,
                "RESULT topic-quality docs=%d topics=%d micro_precision=%s micro_recall=%s micro_f1=%s macro_f1=%s fp=%d fn=%d%n",
                docs,
                counts.size(),
                ratio(tp, tp + fp),
                ratio(tp, tp + fn),
                fmt(f1(tp, fp, fn)),
                fmt(macro / Math.max(1, counts.size())),
                fp,
                fn);
    }

    /** F1 of a topic; a topic with no positives and no predictions is perfect (nothing to get wrong). */
    private static double f1(int tp, int fp, int fn) {
        return tp + fp + fn == 0 ? 1.0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }

    private static String ratio(int numerator, int denominator) {
        return denominator == 0 ? "n/a" : fmt((double) numerator / denominator);
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    private static String describe(Evidence e) {
        return e == null
                ? "(none)"
                : e.clause() + " in " + e.field() + ": \"" + e.sentence().replaceAll("\\s+", " ") + "\"";
    }

    /** Labels that carry only an id get their title and text from the eval data. */
    private static List<EvalData.Doc> withText(List<EvalData.Doc> labels) throws IOException {
        Map<String, EvalData.Doc> byId = new HashMap<>();
        if (labels.stream().anyMatch(d -> d.text().isEmpty())) {
            try (Stream<Path> files = Files.list(EvalData.dir())) {
                for (Path file :
                        files.filter(f -> f.toString().endsWith(".jsonl")).toList()) {
                    EvalData.read(file).forEach(d -> byId.put(d.id(), d));
                }
            }
        }
        List<EvalData.Doc> docs = new ArrayList<>();
        for (EvalData.Doc label : labels) {
            if (!label.text().isEmpty()) {
                docs.add(label);
                continue;
            }
            EvalData.Doc text = byId.get(label.id());
            if (text == null) {
                throw new IllegalArgumentException(
                        "label " + label.id() + " has no text and no such id in the eval data");
            }
            docs.add(new EvalData.Doc(label.id(), text.title(), text.text(), label.language(), label.topics()));
        }
        return docs;
    }

    private static Map<String, CompiledQuery> topics(Path dir) throws IOException {
        QueryCompiler compiler = new QueryCompiler(QueryLimits.DEFAULT);
        Map<String, CompiledQuery> topics = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode topic = JSON.readTree(file.toFile());
                List<List<String>> aliases = new ArrayList<>();
                topic.path("aliases").forEach(group -> {
                    List<String> terms = new ArrayList<>();
                    group.forEach(t -> terms.add(t.asText()));
                    aliases.add(terms);
                });
                topics.put(
                        topic.get("id").asText(),
                        compiler.compile(topic.get("query").asText(), new Thesaurus(aliases)));
            }
        }
        return topics;
    }
}
