package org.advocacyalerts.matcher;

import java.text.BreakIterator;
import java.util.Locale;

/** The sentence around a span, the line a subscriber reads first. */
final class Sentences {

    /** A sentence longer than this is cut around the match: evidence must fit in an alert. */
    static final int MAX_SENTENCE = 400;

    private Sentences() {}

    static String around(String text, int start, int end, Locale locale) {
        BreakIterator sentences = BreakIterator.getSentenceInstance(locale);
        sentences.setText(text);
        int from = sentences.isBoundary(start) ? start : sentences.preceding(start);
        int to = sentences.following(Math.max(start, end - 1));
        from = Math.max(0, from == BreakIterator.DONE ? 0 : from);
        to = to == BreakIterator.DONE ? text.length() : to;
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
        return text.substring(from, to).strip();
    }
}
