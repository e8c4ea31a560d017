package org.advocacyalerts.ingest.intake;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of two texts, line by line (a statement's lines are its paragraphs), with three
 * lines of context, as {@code diff -u} prints it: what a reader needs to see what a revision changed.
 */
public final class TextDiff {

    static final int CONTEXT = 3;

    /** Beyond this many line pairs the diff says "replaced" instead of searching (bounded work). */
    static final long MAX_CELLS = 4_000_000L;

    private TextDiff() {}

    public static String unified(String before, String after) {
        List<String> a = before.lines().toList();
        List<String> b = after.lines().toList();
        List<int[]> edits = edits(a, b); // {kind, lineInA, lineInB}: 0 same, -1 removed, +1 added
        StringBuilder out = new StringBuilder("--- previous\n+++ revised\n");
        int i = 0;
        while (i < edits.size()) {
            if (edits.get(i)[0] == 0) {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            // one hunk while changes are closer than twice the context
            int lastChange = i;
            for (int j = i; j < edits.size() && j - lastChange <= 2 * CONTEXT; j++) {
                if (edits.get(j)[0] != 0) {
                    lastChange = j;
                }
            }
            int end = Math.min(edits.size() - 1, lastChange + CONTEXT);
            hunk(out, edits.subList(start, end + 1), a, b);
            i = end + 1;
        }
        return out.toString();
    }

    private static void hunk(StringBuilder out, List<int[]> lines, List<String> a, List<String> b) {
        int fromA = -1, fromB = -1, countA = 0, countB = 0;
        for (int[] e : lines) {
            if (e[0] <= 0) {
                countA++;
                if (fromA < 0) {
                    fromA = e[1];
                }
            }
            if (e[0] >= 0) {
                countB++;
                if (fromB < 0) {
                    fromB = e[2];
                }
            }
        }
        out.append("@@ -")
                .append(range(fromA, countA, lines.get(0)[1]))
                .append(" +")
                .append(range(fromB, countB, lines.get(0)[2]))
                .append(" @@\n");
        for (int[] e : lines) {
            char mark = e[0] == 0 ? ' ' : e[0] < 0 ? '-' : '+';
            out.append(mark).append(e[0] > 0 ? b.get(e[2]) : a.get(e[1])).append('\n');
        }
    }

    private static String range(int from, int count, int fallback) {
        int start = count == 0 ? Math.max(0, fallback) : from + 1;
        return count == 1 ? String.valueOf(start) : start + "," + count;
    }

    /** The edit script by longest common subsequence; {kind, index in a, index in b}. */
    private static List<int[]> edits(List<String> a, List<String> b) {
        int n = a.size(), m = b.size();
        List<int[]> edits = new ArrayList<>();
        if ((long) n * m > MAX_CELLS) {
            for (int i = 0; i < n; i++) {
                edits.add(new int[] {-1, i, 0});
            }
            for (int j = 0; j < m; j++) {
                edits.add(new int[] {1, n, j});
            }
            return edits;
        }
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0, j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(i).equals(b.get(j))) {
                edits.add(new int[] {0, i++, j++});
            } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
                edits.add(new int[] {-1, i++, j}); // removals before additions, as diff -u prints them
            } else {
                edits.add(new int[] {1, i, j++});
            }
        }
        return edits;
    }
}
