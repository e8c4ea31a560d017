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
 *
 * <p>In a body it also puts a {@link #LEAD_END} word where the lead ends: at the first word of the
 * sentence after the first {@link #LEAD_SENTENCES}, beside that sentence's mark (same position, so no
 * distance changes). {@code lead:} matches only what comes before it (or is in the title). A body of
 * fewer sentences is all lead.
 *
 * <p>Every word that stands as an item of a list ({@link ListItems}) gets a {@link #LISTED} word at its own
 * position, after it: {@code NOT/list} leaves out a chain whose first side holds one.
 */
final class SentenceMarkFilter extends TokenFilter {

    /**
     * The word that marks a sentence break: a runic letter, which the tokenizer keeps as a word and no
     * statement or query in English or French holds.
     */
    static final String MARK = "\u16DD";

    /** The word where a body's lead ends: another runic letter. */
    static final String LEAD_END = "\u16DE";

    /** Beside every word of a list's items ({@link ListItems}), at the word's position: a third runic letter. */
    static final String LISTED = "\u16DF";

    /** How many of a body's first sentences are its lead (with the title): where it says what it is about. */
    static final int LEAD_SENTENCES = 2;

    private static final int[] NONE = new int[0];

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
    private final PositionIncrementAttribute position = addAttribute(PositionIncrementAttribute.class);
    private int[] starts = NONE;
    private int[] listed = NONE;
    private boolean listedDue;
    private int startOfListed;
    private int endOfListed;
    private final boolean marksLead;
    private int next;
    private State held;
    private boolean leadEndDue;
    private int offsetOfMark;

    /** @param marksLead whether this text is a body, whose lead ends with {@link #LEAD_END} */
    SentenceMarkFilter(TokenStream input, boolean marksLead) {
        super(input);
        this.marksLead = marksLead;
    }

    /** The text about to be read: where its sentences begin. */
    void sentencesOf(String text) {
        starts = SentenceBreaks.starts(text);
        listed = ListItems.ranges(text, starts);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (listedDue) {
            listedDue = false; // after the listed word, at its position
            clearAttributes();
            term.setEmpty().append(LISTED);
            offset.setOffset(startOfListed, endOfListed); // the word's own, so evidence spans keep their bounds
            position.setPositionIncrement(0);
            return true;
        }
        if (leadEndDue) {
            leadEndDue = false; // beside the sentence mark just given, before the sentence's first word
            clearAttributes();
            term.setEmpty().append(LEAD_END);
            offset.setOffset(offsetOfMark, offsetOfMark);
            position.setPositionIncrement(0);
            return true;
        }
        if (held != null) {
            restoreState(held); // the sentence's first word, after its mark
            held = null;
            markIfListed();
            return true;
        }
        if (!input.incrementToken()) {
            return false;
        }
        int start = offset.startOffset();
        if (next < starts.length && start >= starts[next] && position.getPositionIncrement() > 0) {
            int sentence = starts[next];
            boolean leadOpen = next < LEAD_SENTENCES;
            while (next < starts.length && starts[next] <= start) {
                sentence = starts[next++];
            }
            // starts[i] begins sentence i + 2: the lead ends where starts[LEAD_SENTENCES - 1] is passed
            leadEndDue = marksLead && leadOpen && next >= LEAD_SENTENCES;
            offsetOfMark = sentence;
            held = captureState();
            clearAttributes();
            term.setEmpty().append(MARK);
            offset.setOffset(sentence, sentence);
            position.setPositionIncrement(1);
            return true;
        }
        markIfListed();
        return true;
    }

    /** The word just given opens its position inside a list: its {@link #LISTED} follows. */
    private void markIfListed() {
        if (listed.length > 0
                && position.getPositionIncrement() > 0
                && ListItems.listed(listed, offset.startOffset())) {
            listedDue = true;
            startOfListed = offset.startOffset();
            endOfListed = offset.endOffset();
        }
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        next = 0;
        held = null;
        leadEndDue = false;
        listedDue = false;
    }
}
