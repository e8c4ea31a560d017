package org.advocacyalerts.dispatcher.console;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A statement's text cut into pieces where its evidence sentences are, so a page can mark them. The
 * pieces are plain text: the page escapes each, so nothing in a statement becomes markup.
 */
public final class Highlight {

    /** A piece of the text, marked when it is (part of) an evidence sentence. */
    public record Segment(String text, boolean marked) {}

    private Highlight() {}

    /**
     * The text with the first place of each sentence marked; a sentence is found whatever the white
     * space between its words (feeds re-flow text). Overlapping places are marked as one.
     */
    public static List<Segment> mark(String text, Collection<String> sentences) {
        List<int[]> spans = new ArrayList<>();
        for (String sentence : sentences) {
            String[] words = sentence == null ? new String[0] : sentence.strip().split("\\s+");
            if (words.length == 0 || words[0].isEmpty()) {
                continue;
            }
            List<String> quoted = new ArrayList<>();
            for (String word : words) {
                quoted.add(Pattern.quote(word));
            }
            Matcher found = Pattern.compile(String.join("\\s+", quoted)).matcher(text);
            if (found.find()) {
                spans.add(new int[] {found.start(), found.end()});
            }
        }
        spans.sort((a, b) -> Integer.compare(a[0], b[0]));
        List<Segment> segments = new ArrayList<>();
        int at = 0;
        for (int[] span : spans) {
            int start = Math.max(span[0], at);
            if (start >= span[1]) {
                continue; // inside the one before
            }
            if (start > at) {
                segments.add(new Segment(text.substring(at, start), false));
            }
            segments.add(new Segment(text.substring(start, span[1]), true));
            at = span[1];
        }
        if (at < text.length()) {
            segments.add(new Segment(text.substring(at), false));
        }
        return segments;
    }
}
