package org.advocacyalerts.matcher;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a sentence names things only as items of a list: after "including", "such as", "notamment",
 * "y compris", "among them", "parmi lesquels", "tels que" (and their forms), when what follows up to the
 * sentence's end (or a semicolon, colon or dash) holds two separators or more — commas, "and", "or",
 * "et", "ou" —, so three items or more. "The Secretary discussed the steps towards peace, including
 * border delimitation, transport links and the release of the remaining detainees" makes the
 * detainees an item; "Azerbaijan still holds Armenian hostages, including Ruben Vardanyan, who is on
 * hunger strike" does not (one item, one comma), nor does "the release of all prisoners, including
 * ethnic Armenians" (the prisoners stand before the opener). {@code NOT/list} in a query leaves out a
 * chain whose first side stands in such a list ({@link SentenceMarkFilter#LISTED}).
 */
final class ListItems {

    private static final Pattern OPENER = Pattern.compile(
            "\\b(?:including|such as|notamment|y compris|among them|among others|parmi lesquels|parmi lesquelles"
                    + "|parmi eux|parmi elles|tels que|telles que|tel que|telle que)\\b",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private static final Pattern SEPARATOR =
            Pattern.compile(",|\\b(?:and|or|et|ou)\\b", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** Two separators: three items. */
    static final int MIN_SEPARATORS = 2;

    private static final int[] NONE = new int[0];

    private ListItems() {}

    /**
     * The listed stretches of {@code text}: pairs of offsets (start inclusive, end exclusive), ascending,
     * each from the end of its opener to the end of its list. {@code sentenceStarts} are the offsets where
     * a sentence other than the first begins ({@link SentenceBreaks#starts}).
     */
    static int[] ranges(CharSequence text, int[] sentenceStarts) {
        int[] found = NONE;
        int count = 0;
        Matcher opener = OPENER.matcher(text);
        int sentence = 0;
        for (int s = 0; s <= sentenceStarts.length; s++) {
            int end = s < sentenceStarts.length ? sentenceStarts[s] : text.length();
            int from = sentence;
            while (from < end && opener.region(from, end).find()) {
                int listStart = opener.end();
                int listEnd = listEnd(text, listStart, end);
                if (separators(text, listStart, listEnd) >= MIN_SEPARATORS) {
                    if (count + 2 > found.length) {
                        found = Arrays.copyOf(found, Math.max(8, found.length * 2));
                    }
                    found[count++] = listStart;
                    found[count++] = listEnd;
                }
                from = Math.max(listEnd, listStart + 1);
            }
            sentence = end;
        }
        return count == found.length ? found : Arrays.copyOf(found, count);
    }

    /** Whether {@code offset} lies in one of {@code ranges}. */
    static boolean listed(int[] ranges, int offset) {
        for (int i = 0; i < ranges.length; i += 2) {
            if (offset < ranges[i]) {
                return false;
            }
            if (offset < ranges[i + 1]) {
                return true;
            }
        }
        return false;
    }

    /** A list ends with its sentence, or at a semicolon, a colon or a dash that closes it. */
    private static int listEnd(CharSequence text, int from, int sentenceEnd) {
        for (int i = from; i < sentenceEnd; i++) {
            char c = text.charAt(i);
            if (c == ';' || c == ':' || c == '—' || c == '–' && i > 0 && text.charAt(i - 1) == ' ') {
                return i;
            }
        }
        return sentenceEnd;
    }

    private static int separators(CharSequence text, int from, int to) {
        Matcher separator = SEPARATOR.matcher(text).region(from, to);
        int n = 0;
        while (separator.find()) {
            n++;
        }
        return n;
    }
}
