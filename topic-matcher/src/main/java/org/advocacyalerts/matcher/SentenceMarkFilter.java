package org.advocacyalerts.matcher;

import java.io.IOException;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Puts a {@link #MARK} word before the first word of every sentence but the first of a statement's
 * title or body (the breaks of {@link SentenceBreaks}), so that a span that crosses a sentence break
 * contains one: this is how {@code NEAR/s} keeps its sides in one sentence. The mark sits at the
 * sentence's first offset, with no length; every word keeps its own offsets, so evidence is unchanged.
 * The analyzer hands it the breaks of each text before the text is read ({@link #sentencesOf}).
 */
final class SentenceMarkFilter extends TokenFilter {

    /**
     * The word that marks a sentence break: a runic letter, which the tokenizer keeps as a word and no
     * statement or query in English or French holds.
     */
    static final String MARK = "\u16DD";

    private static final int[] NONE = new int[0];

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
    private final PositionIncrementAttribute position = addAttribute(PositionIncrementAttribute.class);
    private int[] starts = NONE;
    private int next;
    private State held;

    SentenceMarkFilter(TokenStream input) {
        super(input);
    }

    /** The text about to be read: where its sentences begin. */
    void sentencesOf(String text) {
        starts = SentenceBreaks.starts(text);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (held != null) {
            restoreState(held); // the sentence's first word, after its mark
            held = null;
            return true;
        }
        if (!input.incrementToken()) {
            return false;
        }
        int start = offset.startOffset();
        if (next < starts.length && start >= starts[next] && position.getPositionIncrement() > 0) {
            int sentence = starts[next];
            while (next < starts.length && starts[next] <= start) {
                sentence = starts[next++];
            }
            held = captureState();
            clearAttributes();
            term.setEmpty().append(MARK);
            offset.setOffset(sentence, sentence);
            position.setPositionIncrement(1);
        }
        return true;
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        next = 0;
        held = null;
    }
}
