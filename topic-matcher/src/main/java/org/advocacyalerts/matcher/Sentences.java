package org.advocacyalerts.matcher;

import java.text.BreakIterator;
import java.util.Arrays;
import java.util.Locale;

/**
 * The sentences of one text, found once: every match of every query in that text looks its sentence
 * up here (a binary search) instead of running a BreakIterator over the text again.
 */
final class Sentences {

    /** A sentence longer than this is cut around the match: evidence must fit in an alert. */
    static final int MAX_SENTENCE = 400;

    private final String text;
    private final int[] boundaries;

    Sentences(String text, Locale locale) {
        this.text = text;
        BreakIterator iterator = BreakIterator.getSentenceInstance(locale);
        iterator.setText(text);
        int[] found = new int[16];
        int count = 0;
        for (int b = iterator.first(); b != BreakIterator.DONE; b = iterator.next()) {
            if (count == found.length) {
                found = Arrays.copyOf(found, count * 2);
            }
            found[count++] = b;
        }
        this.boundaries = Arrays.copyOf(found, count);
    }

    /** The sentence containing {@code [start, end)}, bounded by paragraph breaks and cut to at most 400 chars. */
    String around(int start, int end) {
        int from = boundaryAtOrBefore(start);
        int to = boundaryAfter(Math.max(start, end - 1));
        // Paragraph breaks end a sentence too (headings, list items without a full stop).
        int paragraphStart = text.lastIndexOf('\n', start - 1);
        if (paragraphStart >= from) {
            from = paragraphStart + 1;
        }
        int paragraphEnd = text.indexOf('\n', end);
        if (paragraphEnd >= 0 && paragraphEnd < to) {
            to = paragraphEnd;
        }
        if (to - from > MAX_SENTENCE) {
            int half = (MAX_SENTENCE - (end - start)) / 2;
            from = Math.max(from, start - Math.max(0, half));
            to = Math.min(to, from + MAX_SENTENCE);
        }
        return text.substring(from, Math.max(from, to)).strip();
    }

    private int boundaryAtOrBefore(int offset) {
        int i = Arrays.binarySearch(boundaries, offset);
        return i >= 0 ? boundaries[i] : i == -1 ? 0 : boundaries[-i - 2];
    }

    private int boundaryAfter(int offset) {
        int i = Arrays.binarySearch(boundaries, offset);
        int next = i >= 0 ? i + 1 : -i - 1;
        return next < boundaries.length ? boundaries[next] : text.length();
    }
}
