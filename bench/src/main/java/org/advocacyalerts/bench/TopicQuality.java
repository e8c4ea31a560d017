package org.advocacyalerts.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.advocacyalerts.matcher.CompiledQuery;
import org.advocacyalerts.matcher.Match;
import org.advocacyalerts.matcher.NearMisses;
import org.advocacyalerts.matcher.QueryCompiler;
import org.advocacyalerts.matcher.QueryLimits;
import org.advocacyalerts.matcher.StatementText;
import org.advocacyalerts.matcher.Thesaurus;
import org.advocacyalerts.matcher.TopicMonitor;
import org.advocacyalerts.model.Evidence;

/**
 * {@code bench/run topic-quality --labels FILE|DIR [--split dev|test|all] [--topics DIR]}: precision,
 * recall and F1 of each topic, per language, on labelled statements, with every false positive (and the
 * evidence that made it match) and every false negative, so a topic can be tuned by reading why it
 * erred. A directory is the labelled set (bench/labels/set: texts, halves, provenance, reasons); a file
 * is a list of labels whose texts may come from the eval data (bench/labels/wh-dev.jsonl).
 */
public final class TopicQuality {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The precision and recall every default topic is to reach in each language (issue #22). */
    static final double TARGET = 0.9;

    /** True positives, false positives and false negatives of one topic in one language. */
    static final class Counts {
        int tp;
        int fp;
        int fn;

        /** Precision, or 1 when the topic matched nothing (no alert was wrong). */
        double precision() {
            return tp + fp == 0 ? 1.0 : (double) tp / (tp + fp);
        }

        /** Recall, or 1 when there was nothing to find. */
        double recall() {
            return tp + fn == 0 ? 1.0 : (double) tp / (tp + fn);
        }

        /**
         * The 95 % Wilson score interval of {@code k} successes in {@code n} trials, {@code [low, high]}: how far
         * a precision or recall measured on a few statements may lie from the topic's true one. A cell of 13
         * statements at 0.85 may well be a topic of 0.92; one of 150 at 0.83 is not. {@code [0, 1]} for no trials.
         */
        static double[] interval(int k, int n) {
            if (n == 0) {
                return new double[] {0, 1};
            }
            double z = 1.959964;
            double p = (double) k / n;
            double denominator = 1 + z * z / n;
            double centre = (p + z * z / (2.0 * n)) / denominator;
            double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / denominator;
            return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
        }

        /** Precision's interval: the share of this cell's matches that were right. */
        double[] precisionInterval() {
            return interval(tp, tp + fp);
        }

        /** Recall's interval: the share of this cell's positives that were found. */
        double[] recallInterval() {
            return interval(tp, tp + fn);
        }

        /** The counts added up (over languages, or over topics). */
        static Counts sum(Collection<Counts> parts) {
            Counts sum = new Counts();
            for (Counts c : parts) {
                sum.tp += c.tp;
                sum.fp += c.fp;
                sum.fn += c.fn;
            }
            return sum;
        }
    }

    /**
     * What an evaluation found: counts per topic and language, each error with its explanation, and the
     * true positives whose evidence does not open with the topic's subject (the sentence a subscriber
     * reads first would be one that only names a country, say).
     */
    record Report(int docs, Map<String, Map<String, Counts>> counts, List<String> errors, List<String> contextFirst) {

        /** Every topic's counts in every language, added up: what micro precision and recall are made of. */
        Counts total() {
            return Counts.sum(counts.values().stream()
                    .flatMap(byLanguage -> byLanguage.values().stream())
                    .toList());
        }

        /** The counts of a topic in a language (all zero if it had no statement in that language). */
        Counts of(String topic, String language) {
            return counts.getOrDefault(topic, Map.of()).getOrDefault(language, new Counts());
        }
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = MatcherBenchmark.options(args);
        if (!options.containsKey("labels")) {
            System.err.println(
                    "usage: bench/run topic-quality --labels FILE|DIR [--split dev|test|all] [--topics DIR]");
            System.exit(2);
        }
        Path root = Path.of(System.getProperty("bench.root", "."));
        Path topicsDir = Path.of(
                options.getOrDefault("topics", root.resolve("seeds/topics").toString()));
        Path labels = Path.of(options.get("labels"));
        String split = options.getOrDefault("split", "all");
        List<EvalData.Doc> docs;
        List<EvalData.Doc> real = null;
        if (Files.isDirectory(labels)) {
            List<LabelledSet.Statement> half = LabelledSet.half(LabelledSet.read(labels), split);
            docs = half.stream().map(LabelledSet.Statement::doc).toList();
            real = LabelledSet.realDocs(half);
        } else {
            docs = withText(EvalData.read(labels));
        }
        Map<String, TopicQuery> topics = topics(topicsDir);
        // words that stand for a whole alias group they do not name first: what the topic editor notes
        topics.forEach((id, topic) -> topic.standIns()
                .forEach(s -> System.out.printf(
                        "STANDS FOR %-14s %s -> the group \"%s\" (%d terms)%n",
                        id, s.written(), s.group().get(0), s.group().size())));
        Report report = evaluate(docs, topics);
        print(report, split, real == null ? null : evaluate(real, topics), evaluate(untitled(docs), topics));
    }

    /**
     * The statements without their titles: a feed of briefings titles every one "Department Press Briefing –
     * May 17, 2016", so a topic that finds a statement only by its title misses such a briefing, and one that
     * leaves a statement out by its title ({@code NOT title:…}) takes it. What a topic loses or gains here is
     * how far it leans on titles.
     */
    static List<EvalData.Doc> untitled(List<EvalData.Doc> docs) {
        return docs.stream()
                .map(d -> new EvalData.Doc(d.id(), "", d.text(), d.language(), d.topics()))
                .toList();
    }

    /**
     * A default topic: its compiled query, what explains a statement it misses, and its words that stand for
     * a whole alias group ({@link QueryCompiler#standIns}).
     */
    record TopicQuery(CompiledQuery query, NearMisses nearMisses, List<QueryCompiler.StandIn> standIns) {}

    /** Matches every statement against every topic and counts, per topic and language, what it got right. */
    static Report evaluate(List<EvalData.Doc> docs, Map<String, TopicQuery> topics) {
        Map<String, Map<String, Counts>> counts = new TreeMap<>();
        topics.keySet().forEach(t -> counts.put(t, new TreeMap<>()));
        List<String> errors = new ArrayList<>();
        List<String> contextFirst = new ArrayList<>();
        try (TopicMonitor monitor = new TopicMonitor()) {
            Map<String, CompiledQuery> queries = new TreeMap<>();
            topics.forEach((id, topic) -> queries.put(id, topic.query()));
            monitor.register(queries);
            for (EvalData.Doc doc : docs) {
                Map<String, List<Evidence>> predicted = new LinkedHashMap<>();
                for (Match m : monitor.match(new StatementText(doc.title(), doc.text(), doc.language(), null))) {
                    predicted.put(m.queryId(), m.evidence());
                }
                for (String topic : topics.keySet()) {
                    boolean expected = doc.topics().contains(topic);
                    boolean got = predicted.containsKey(topic);
                    Counts c = counts.get(topic).computeIfAbsent(doc.language(), l -> new Counts());
                    Evidence first = got && !predicted.get(topic).isEmpty()
                            ? predicted.get(topic).get(0)
                            : null;
                    if (expected && got) {
                        c.tp++;
                        if (!topics.get(topic).query().isSubject(first == null ? null : first.clause())) {
                            contextFirst.add(String.format(
                                    "%s %s | %s%n     evidence: %s", topic, doc.id(), doc.title(), describe(first)));
                        }
                    } else if (got) {
                        c.fp++;
                        errors.add(String.format(
                                "FP %-22s %s | %s%n     evidence: %s", topic, doc.id(), doc.title(), describe(first)));
                    } else if (expected) {
                        c.fn++;
                        NearMisses.NearMiss why = topics.get(topic)
                                .nearMisses()
                                .of(new StatementText(doc.title(), doc.text(), doc.language(), null));
                        errors.add(String.format(
                                "FN %-22s %s | %s%n     holds: %s%n     lacks: %s%s",
                                topic,
                                doc.id(),
                                doc.title(),
                                why.found().isEmpty() ? "(none of its words)" : describe(why.found()),
                                String.join(", ", why.missing()),
                                why.excluding().isEmpty()
                                        ? ""
                                        : String.format("%n     excluding: %s", describe(why.excluding()))));
                    }
                }
            }
        }
        return new Report(docs.size(), counts, errors, contextFirst);
    }

    /**
     * Prints the report; {@code real}, when the set says where its texts come from, is the same evaluation
     * on its real statements alone (public texts of the U.S. government, against written ones in the style
     * of each voice): how the topics do on the texts official feeds actually carry.
     */
    private static void print(Report report, String split, Report real, Report untitled) {
        System.out.printf(
                "%-22s %-4s %5s %5s %5s %9s %7s %6s  %-11s %s%n",
                "topic", "lang", "tp", "fp", "fn", "precision", "recall", "f1", "precision95", "recall95");
        double macro = 0;
        double minPrecision = 1, minRecall = 1;
        List<String> below = new ArrayList<>();
        List<String> clearlyBelow = new ArrayList<>();
        for (Map.Entry<String, Map<String, Counts>> topic : report.counts().entrySet()) {
            Counts all = Counts.sum(topic.getValue().values());
            for (Map.Entry<String, Counts> language : topic.getValue().entrySet()) {
                Counts c = language.getValue();
                if (c.tp + c.fp + c.fn > 0) {
                    row(topic.getKey(), language.getKey(), c);
                    minPrecision = Math.min(minPrecision, c.precision());
                    minRecall = Math.min(minRecall, c.recall());
                    String cell = topic.getKey() + "/" + language.getKey();
                    underTarget(cell + " precision", c.precision(), c.precisionInterval(), below, clearlyBelow);
                    underTarget(cell + " recall", c.recall(), c.recallInterval(), below, clearlyBelow);
                }
            }
            if (topic.getValue().size() > 1) {
                row(topic.getKey(), "all", all);
            }
            macro += f1(all.tp, all.fp, all.fn);
        }
        Counts total = report.total();
        int tp = total.tp, fp = total.fp, fn = total.fn;
        System.out.printf(
                "%nUnder %s: %d of the cells (%s); of them under it with 95 %% confidence (the whole interval): %d (%s)%n",
                fmt(TARGET),
                below.size(),
                String.join(", ", below),
                clearlyBelow.size(),
                String.join(", ", clearlyBelow));
        System.out.println();
        report.errors().forEach(System.out::println);
        System.out.printf(
                "%nEvidence opens with the topic's subject in %d of %d true positives%n",
                tp - report.contextFirst().size(), tp);
        report.contextFirst().forEach(line -> System.out.println("CONTEXT FIRST " + line));
        String ofReal = "";
        if (real != null) {
            Counts r = real.total();
            String precision = ratio(r.tp, r.tp + r.fp);
            String recall = ratio(r.tp, r.tp + r.fn);
            System.out.printf(
                    "Real statements only (%d of %d): tp %d, fp %d, fn %d: precision %s, recall %s%n",
                    real.docs(), report.docs(), r.tp, r.fp, r.fn, precision, recall);
            // Per topic too: real texts and written ones can err differently.
            real.counts().forEach((topic, byLanguage) -> row(topic, "real", Counts.sum(byLanguage.values())));
            ofReal = String.format(
                    Locale.ROOT, " real_docs=%d real_precision=%s real_recall=%s", real.docs(), precision, recall);
        }
        Counts u = untitled.total();
        List<String> leaning = new ArrayList<>();
        report.counts().forEach((topic, byLanguage) -> {
            Counts with = Counts.sum(byLanguage.values());
            Counts without = Counts.sum(untitled.counts().get(topic).values());
            if (without.fn != with.fn || without.fp != with.fp) {
                leaning.add(
                        String.format("%s %+d missed, %+d wrong", topic, without.fn - with.fn, without.fp - with.fp));
            }
        });
        System.out.printf(
                "Without titles (a briefing's, \"Department Press Briefing – <date>\", says no more): precision %s,"
                        + " recall %s; %s%n",
                ratio(u.tp, u.tp + u.fp),
                ratio(u.tp, u.tp + u.fn),
                leaning.isEmpty() ? "no topic leans on titles" : String.join("; ", leaning));
        System.out.printf(
                Locale.ROOT,
                "RESULT topic-quality docs=%d split=%s topics=%d micro_precision=%s micro_recall=%s micro_f1=%s"
                        + " macro_f1=%s min_precision=%s min_recall=%s fp=%d fn=%d subject_first=%s"
                        + " cells_below=%d clearly_below=%d untitled_precision=%s untitled_recall=%s%s%n",
                report.docs(),
                split,
                report.counts().size(),
                ratio(tp, tp + fp),
                ratio(tp, tp + fn),
                fmt(f1(tp, fp, fn)),
                fmt(macro / Math.max(1, report.counts().size())),
                fmt(minPrecision),
                fmt(minRecall),
                fp,
                fn,
                ratio(tp - report.contextFirst().size(), tp),
                below.size(),
                clearlyBelow.size(),
                ratio(u.tp, u.tp + u.fp),
                ratio(u.tp, u.tp + u.fn),
                ofReal);
    }

    private static void row(String topic, String language, Counts c) {
        System.out.printf(
                Locale.ROOT,
                "%-22s %-4s %5d %5d %5d %9s %7s %6s  %-11s %s%n",
                topic,
                language,
                c.tp,
                c.fp,
                c.fn,
                ratio(c.tp, c.tp + c.fp),
                ratio(c.tp, c.tp + c.fn),
                fmt(f1(c.tp, c.fp, c.fn)),
                range(c.precisionInterval(), c.tp + c.fp),
                range(c.recallInterval(), c.tp + c.fn));
    }

    /** Adds a cell's figure to those under {@link #TARGET}, and to those whose whole interval is under it. */
    private static void underTarget(
            String cell, double figure, double[] interval, List<String> below, List<String> clearly) {
        if (figure < TARGET - 1e-9) {
            below.add(cell);
            if (interval[1] < TARGET - 1e-9) {
                clearly.add(cell);
            }
        }
    }

    private static String range(double[] interval, int trials) {
        return trials == 0 ? "n/a" : String.format(Locale.ROOT, "%.2f-%.2f", interval[0], interval[1]);
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

    /** The first three pieces of evidence, each once. */
    private static String describe(List<Evidence> evidence) {
        return evidence.stream().map(TopicQuality::describe).distinct().limit(3).collect(Collectors.joining("; "));
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

    static Map<String, TopicQuery> topics(Path dir) throws IOException {
        QueryCompiler compiler = new QueryCompiler(QueryLimits.TOPICS);
        Map<String, TopicQuery> topics = new TreeMap<>();
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
                String query = topic.get("query").asText();
                Thesaurus thesaurus = new Thesaurus(aliases);
                String refused = thesaurus.problem();
                if (refused != null) {
                    // the service refuses such a topic (TopicValidator): figures measured on it would be of
                    // a topic nobody can save, its shared terms making the groups' members aliases of each other
                    throw new IllegalArgumentException(file + ": " + refused);
                }
                topics.put(
                        topic.get("id").asText(),
                        new TopicQuery(
                                compiler.compile(query, thesaurus),
                                new NearMisses(compiler, query, thesaurus),
                                compiler.standIns(query, thesaurus)));
            }
        }
        return topics;
    }
}
