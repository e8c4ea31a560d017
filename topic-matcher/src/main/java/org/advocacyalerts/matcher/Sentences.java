package org.advocacyalerts.matcher;

import java.text.BreakIterator;
import java.text.StringCharacterIterator;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The sentences of one text, found once per paragraph and only in the paragraphs that hold a match: a
 * statement matched by one query pays for a paragraph of sentence breaking, not for the whole text, and
 * one matched by hundreds looks each sentence up (a binary search) instead of breaking the text again.
 * A sentence never crosses a paragraph break, so segmenting a paragraph alone gives the same sentences.
 */
final class Sentences {

    /** A sentence longer than this is cut around the match: evidence must fit in an alert. */
    static final int MAX_SENTENCE = 400;

    private final String text;
    private final BreakIterator iterator;
    /** Sentence boundaries of each segmented stretch of paragraphs, by the stretch's first offset. */
    private final Map<Long, int[]> segmented = new HashMap<>();

    Sentences(String text, Locale locale) {
        this.text = text;
        this.iterator = BreakIterator.getSentenceInstance(locale);
    }

    /** The sentence containing {@code [start, end)}, bounded by paragraph breaks and cut to at most 400 chars. */
    String around(int start, int end) {
        // Paragraph breaks end a sentence too (headings, list items without a full stop).
        int paragraphStart = text.lastIndexOf('\n', start - 1) + 1;
        int paragraphEnd = text.indexOf('\n', end);
        if (paragraphEnd < 0) {
            paragraphEnd = text.length();
        }
        int[] boundaries = boundaries(paragraphStart, paragraphEnd);
        int from = boundaryAtOrBefore(boundaries, start, paragraphStart);
        int to = boundaryAfter(boundaries, Math.max(start, end - 1), paragraphEnd);
        if (to - from > MAX_SENTENCE) {
            int half = (MAX_SENTENCE - (end - start)) / 2;
            from = Math.max(from, start - Math.max(0, half));
            to = Math.min(to, from + MAX_SENTENCE);
        }
        return text.substring(from, Math.max(from, to)).strip();
    }

    /** The sentence boundaries in {@code [from, to)}, ascending, as offsets into the whole text. */
    private int[] boundaries(int from, int to) {
        return segmented.computeIfAbsent(((long) from << 32) | to, key -> {
            iterator.setText(new StringCharacterIterator(text, from, to, from));
            int[] found = new int[8];
            int count = 0;
            for (int b = iterator.first(); b != BreakIterator.DONE; b = iterator.next()) {
                if (count == found.length) {
                    found = Arrays.copyOf(found, count * 2);
                }
                found[count++] = b;
            }
            return Arrays.copyOf(found, count);
        });
    }

    private static int boundaryAtOrBefore(int[] boundaries, int offset, int floor) {
        int i = Arrays.binarySearch(boundaries, offset);
        return i >= 0 ? boundaries[i] : i == -1 ? floor : boundaries[-i - 2];
    }

    private static int boundaryAfter(int[] boundaries, int offset, int ceiling) {
        int i = Arrays.binarySearch(boundaries, offset);
        int next = i >= 0 ? i + 1 : -i - 1;
        return next < boundaries.length ? boundaries[next] : ceiling;
    }
}
