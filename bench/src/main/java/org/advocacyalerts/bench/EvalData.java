package org.advocacyalerts.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The shared evaluation texts (real White House statements, CC0), one JSON object per line. */
final class EvalData {

    /** One statement of a JSONL file: its id, title, text and, for labelled files, topics. */
    record Doc(String id, String title, String text, String language, List<String> topics) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private EvalData() {}

    static Path dir() {
        Path dir = Path.of(System.getProperty("bench.eval-data", "../shared/eval-data"));
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("eval data not found at " + dir + " (set BENCH_EVAL_DATA)");
        }
        return dir;
    }

    static List<Doc> read(Path jsonl) {
        List<Doc> docs = new ArrayList<>();
        try {
            int line = 0;
            for (String row : Files.readAllLines(jsonl)) {
                line++;
                if (row.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = JSON.readTree(row);
                } catch (IOException e) {
                    throw new IllegalArgumentException(jsonl + ":" + line + " is not JSON: " + e.getMessage());
                }
                String text = node.hasNonNull("body")
                        ? node.get("body").asText()
                        : node.path("text").asText();
                List<String> topics = new ArrayList<>();
                node.path("topics").forEach(t -> topics.add(t.asText()));
                docs.add(new Doc(
                        node.path("id").asText("line-" + line),
                        node.path("title").asText(""),
                        text,
                        node.path("language").asText("en"),
                        List.copyOf(topics)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jsonl, e);
        }
        return docs;
    }
}
