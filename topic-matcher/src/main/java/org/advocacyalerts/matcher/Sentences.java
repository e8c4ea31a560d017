package org.advocacyalerts.matcher;

import java.util.Arrays;

/**
 * The sentences of one text, broken once (a linear scan, {@link SentenceBreaks}, the same breaks that
 * {@code NEAR/s} keeps a match within) when the first evidence asks, then looked up by binary search:
 * a statement matched by hundreds of queries breaks its text once.
 */
final class Sentences {

    /** A sentence longer than this is cut around the match: evidence must fit in an alert. */
    static final int MAX_SENTENCE = 400;

    private final String text;
    /** Where each sentence but the first begins; null until asked. */
    private int[] starts;

    Sentences(String text) {
        this.text = text;
    }

    /**
     * The sentence containing {@code [start, end)}, cut to at most 400 chars around it; a hard-wrapped
     * line break inside it reads as a space.
     */
    String around(int start, int end) {
        if (starts == null) {
            starts = SentenceBreaks.starts(text);
        }
        int from = boundaryAtOrBefore(starts, start);
        int to = boundaryAfter(starts, Math.max(start, end - 1), text.length());
        if (to - from > MAX_SENTENCE) {
            int half = (MAX_SENTENCE - (end - start)) / 2;
            from = Math.max(from, start - Math.max(0, half));
            to = Math.min(to, from + MAX_SENTENCE);
        }
        while (to > from && SentenceBreaks.isSpace(text.charAt(to - 1))) {
            to--; // no-break spaces too, which strip() keeps
        }
        String sentence = text.substring(from, Math.max(from, to)).strip();
        return sentence.indexOf('\n') < 0 && sentence.indexOf('\r') < 0 ? sentence : unwrapped(sentence);
    }

    private static int boundaryAtOrBefore(int[] starts, int offset) {
        int i = Arrays.binarySearch(starts, offset);
        return i >= 0 ? starts[i] : i == -1 ? 0 : starts[-i - 2];
    }

    private static int boundaryAfter(int[] starts, int offset, int ceiling) {
        int i = Arrays.binarySearch(starts, offset);
        int next = i >= 0 ? i + 1 : -i - 1;
        return next < starts.length ? starts[next] : ceiling;
    }

    /** The sentence with each line break, and the blanks around it, read as one space. */
    private static String unwrapped(String sentence) {
        StringBuilder out = new StringBuilder(sentence.length());
        boolean pendingSpace = false;
        boolean lineBreak = false;
        int blanksFrom = -1;
        for (int i = 0; i < sentence.length(); i++) {
            char c = sentence.charAt(i);
            if (c == '\n' || c == '\r' || c == ' ' || c == '\t' || c == '\u00A0') {
                if (blanksFrom < 0) {
                    blanksFrom = i;
                }
                lineBreak |= c == '\n' || c == '\r';
                pendingSpace = true;
                continue;
            }
            if (pendingSpace) {
                // a run of blanks with a line break in it is one space; without, it stays as written
                out.append(lineBreak ? " " : sentence.substring(blanksFrom, i));
                pendingSpace = false;
                lineBreak = false;
                blanksFrom = -1;
            }
            out.append(c);
        }
        return out.toString();
    }
}
