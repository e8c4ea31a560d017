package org.advocacyalerts.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The labelled statements of bench/labels/set (see its README): each line a statement with its text,
 * language, half ({@code dev} to tune on, {@code test} to report on), topics, provenance and the reason
 * for its label. A line that lacks any of these is refused with its file and line, so the set stays one
 * a reader can check.
 */
final class LabelledSet {

    /** Where a statement comes from: a real public-domain text, or one written for this set. */
    enum Origin {
        REAL,
        WRITTEN
    }

    /** One labelled statement. {@code lookalike}: the topics a hard negative was chosen to resemble. */
    record Statement(
            String id,
            String split,
            String language,
            List<String> topics,
            List<String> lookalike,
            Origin origin,
            String voice,
            String reason,
            String title,
            String body) {

        EvalData.Doc doc() {
            return new EvalData.Doc(id, title, body, language, topics);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private LabelledSet() {}

    /** Every statement of the .jsonl files in {@code dir}, in file and line order. */
    static List<Statement> read(Path dir) {
        List<Statement> all = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
                int line = 0;
                for (String row : Files.readAllLines(file)) {
                    line++;
                    if (row.isBlank()) {
                        continue;
                    }
                    Statement s = parse(row, file.getFileName() + ":" + line);
                    if (!ids.add(s.id())) {
                        throw new IllegalArgumentException(
                                file.getFileName() + ":" + line + ": id " + s.id() + " is used twice");
                    }
                    all.add(s);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the labelled set in " + dir, e);
        }
        return all;
    }

    /** The texts of the real statements among {@code statements} (works of the U.S. government), in order. */
    static List<EvalData.Doc> realDocs(List<Statement> statements) {
        return statements.stream()
                .filter(s -> s.origin() == Origin.REAL)
                .map(Statement::doc)
                .toList();
    }

    /** The statements of one half ({@code dev} or {@code test}), or all of them ({@code all}). */
    static List<Statement> half(List<Statement> all, String split) {
        if (!List.of("dev", "test", "all").contains(split)) {
            throw new IllegalArgumentException("--split is dev, test or all, not " + split);
        }
        return all.stream()
                .filter(s -> split.equals("all") || s.split().equals(split))
                .toList();
    }

    static Statement parse(String row, String where) {
        JsonNode node;
        try {
            node = JSON.readTree(row);
        } catch (IOException e) {
            throw new IllegalArgumentException(where + ": not JSON: " + e.getMessage());
        }
        String split = required(node, "split", where);
        if (!split.equals("dev") && !split.equals("test")) {
            throw new IllegalArgumentException(where + ": split is dev or test, not " + split);
        }
        String language = required(node, "language", where);
        if (!language.equals("en") && !language.equals("fr")) {
            throw new IllegalArgumentException(where + ": language is en or fr, not " + language);
        }
        Origin origin;
        try {
            origin = Origin.valueOf(required(node, "origin", where).toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": origin is real or written");
        }
        if (origin == Origin.REAL) {
            required(node, "url", where); // where the text was read
            required(node, "date", where);
        }
        List<String> topics = strings(node.path("topics"));
        List<String> lookalike = strings(node.path("lookalike"));
        if (topics.isEmpty() && lookalike.isEmpty()) {
            throw new IllegalArgumentException(
                    where + ": a statement with no topic is a hard negative: say which topics it resembles");
        }
        return new Statement(
                required(node, "id", where),
                split,
                language,
                topics,
                lookalike,
                origin,
                required(node, "voice", where),
                required(node, "reason", where),
                required(node, "title", where),
                required(node, "body", where));
    }

    private static String required(JsonNode node, String field, String where) {
        String value = node.path(field).asText("");
        if (!node.hasNonNull(field) || value.isBlank()) {
            throw new IllegalArgumentException(where + ": " + field + " is missing");
        }
        return value;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return List.copyOf(values);
    }
}
