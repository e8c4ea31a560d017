package org.advocacyalerts.ingest.intake;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.ChangeDelta;
import com.github.difflib.patch.Chunk;
import com.github.difflib.patch.Patch;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A unified diff of two texts, line by line (a statement's lines are its paragraphs), with three
 * lines of context, as {@code diff -u} prints it: what a reader needs to see what a revision changed.
 * The diff itself is java-diff-utils' (Myers); this class keeps GNU diff's hunk headers and bounds the
 * work.
 */
public final class TextDiff {

    static final int CONTEXT = 3;

    /** Beyond this many line pairs the diff says "all replaced" instead of searching (bounded work). */
    static final long MAX_CELLS = 4_000_000L;

    private static final String HEADER = "--- previous\n+++ revised\n";

    /** A hunk header; GNU diff leaves out a count of 1 ("-5" for "-5,1"). */
    private static final Pattern HUNK = Pattern.compile("^@@ -(\\d+),(\\d+) \\+(\\d+),(\\d+) @@$");

    private TextDiff() {}

    public static String unified(String before, String after) {
        List<String> a = before.lines().toList();
        List<String> b = after.lines().toList();
        Patch<String> patch = (long) a.size() * b.size() > MAX_CELLS ? replaceAll(a, b) : DiffUtils.diff(a, b);
        if (patch.getDeltas().isEmpty()) {
            return HEADER;
        }
        List<String> lines = UnifiedDiffUtils.generateUnifiedDiff("previous", "revised", a, patch, CONTEXT);
        StringBuilder out = new StringBuilder(HEADER);
        for (String line : lines.subList(2, lines.size())) { // its own --- and +++ lines
            out.append(gnuHunkHeader(line)).append('\n');
        }
        return out.toString();
    }

    private static Patch<String> replaceAll(List<String> a, List<String> b) {
        Patch<String> patch = new Patch<>();
        AbstractDelta<String> all = new ChangeDelta<>(new Chunk<>(0, a), new Chunk<>(0, b));
        patch.addDelta(all);
        return patch;
    }

    private static String gnuHunkHeader(String line) {
        Matcher hunk = HUNK.matcher(line);
        if (!hunk.matches()) {
            return line;
        }
        return "@@ -" + range(hunk.group(1), hunk.group(2)) + " +" + range(hunk.group(3), hunk.group(4)) + " @@";
    }

    private static String range(String start, String count) {
        return count.equals("1") ? start : start + "," + count;
    }
}
