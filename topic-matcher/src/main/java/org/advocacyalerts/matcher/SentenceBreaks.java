package org.advocacyalerts.matcher;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * Where the sentences of a statement's text begin: after a blank line (a paragraph) or a line break
 * before a list item, and after a full stop, question
 * or exclamation mark (and any closing quotes or brackets) followed by white space and a capital letter,
 * a digit or an opening quote or bracket — unless the full stop ends an abbreviation ("U.S.", "Mr.",
 * "Sec. 907", an initial). A single line break is white space: texts are often hard-wrapped. The matcher's same-sentence proximity ({@code NEAR/s}) and the evidence's
 * sentence both use these breaks, so a match and the sentence shown with it agree.
 */
final class SentenceBreaks {

    /** Words that end with a full stop without ending a sentence (compared lower-case). */
    private static final Set<String> ABBREVIATIONS = Set.of(
            "mr", "mrs", "ms", "dr", "st", "sr", "jr", "prof", "gen", "col", "lt", "sgt", "capt", "adm", "sen", "rep",
            "gov", "pres", "amb", "hon", "rev", "sec", "art", "no", "nos", "vol", "para", "pp", "fig", "jan", "feb",
            "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "vs", "approx", "mme", "mlle", "m",
            "cf", "env", "av", "inc", "corp", "co", "ltd", "dept", "govt");

    private static final int LONGEST =
            ABBREVIATIONS.stream().mapToInt(String::length).max().orElseThrow();

    private SentenceBreaks() {}

    /** The offsets in {@code text} where a sentence other than the first begins, ascending. */
    static int[] starts(CharSequence text) {
        int to = text.length();
        int[] found = new int[8];
        int count = 0;
        int i = 0;
        while (i < to) {
            char c = text.charAt(i);
            int next = -1;
            if (c == '\n') {
                int start = skipSpace(text, i + 1, to);
                boolean paragraph = holdsLineBreak(text, i + 1, start);
                if (paragraph || (start < to && isListItem(text.charAt(start)))) {
                    next = start;
                }
            } else if (c == '.' || c == '!' || c == '?') {
                int after = i + 1;
                while (after < to && isCloser(text.charAt(after))) {
                    after++;
                }
                int start = skipSpace(text, after, to);
                if (start > after
                        && start < to
                        && opensSentence(text.charAt(start))
                        && !(c == '.' && abbreviation(text, i))) {
                    next = start;
                }
            }
            if (next > 0 && next < to) {
                if (count == found.length) {
                    found = Arrays.copyOf(found, count * 2);
                }
                if (count == 0 || found[count - 1] != next) {
                    found[count++] = next;
                }
                i = next;
            } else {
                i++;
            }
        }
        return Arrays.copyOf(found, count);
    }

    /** White space, the no-break kinds included: web pages put U+00A0 after full stops. */
    static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    private static int skipSpace(CharSequence text, int i, int to) {
        while (i < to && isSpace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean holdsLineBreak(CharSequence text, int from, int to) {
        for (int k = from; k < to; k++) {
            if (text.charAt(k) == '\n') {
                return true;
            }
        }
        return false;
    }

    private static boolean isListItem(char c) {
        return c == '*' || c == '-' || c == '\u2022' || c == '#';
    }

    private static boolean isCloser(char c) {
        return c == '"' || c == '\'' || c == ')' || c == ']' || c == '\u201D' || c == '\u2019' || c == '\u00BB';
    }

    private static boolean opensSentence(char c) {
        return Character.isUpperCase(c)
                || Character.isDigit(c)
                || c == '"'
                || c == '('
                || c == '[' // a bracketed insertion in a quote
                || c == '\u201C'
                || c == '\u00AB'
                || c == '*'
                || c == '-'
                || c == '\u2022';
    }

    /** Whether the full stop at {@code dot} ends an abbreviation or an initial. */
    private static boolean abbreviation(CharSequence text, int dot) {
        int start = dot;
        boolean inner = false;
        while (start > 0 && (Character.isLetter(text.charAt(start - 1)) || text.charAt(start - 1) == '.')) {
            inner |= text.charAt(--start) == '.';
        }
        int length = dot - start;
        if (length == 0) {
            return false; // "2021." or ")." ends a sentence
        }
        if (inner) {
            return true; // U.S., a.m.
        }
        if (length == 1 && Character.isUpperCase(text.charAt(start))) {
            return true; // an initial: J. Smith
        }
        return length <= LONGEST
                && ABBREVIATIONS.contains(
                        text.subSequence(start, dot).toString().toLowerCase(Locale.ROOT));
    }
}
