package org.advocacyalerts.matcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.util.ArrayUtil;
import org.apache.lucene.util.BitUtil;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.BytesRefBuilder;
import org.apache.lucene.util.UnicodeUtil;

/**
 * Remembers the stem of every word seen, for all threads. KStem looks a word up in its dictionary once
 * per suffix rule it tries; on 5 KB statements that was half of all matching time, while the words of
 * official statements repeat from one statement to the next. Kept in a {@link BytesTable}, found from
 * the token's own characters (a map of strings made a string per token and took 6 % of matching time
 * at 100,000 queries, mostly waiting for memory). Bounded: past {@link #MAX_WORDS} distinct
 * words (a flood of nonsense words, say) new ones are stemmed every time, which is only as slow as
 * before, never wrong.
 */
final class StemCache {

    static final int MAX_WORDS = 200_000;

    /** Word to its place in this cache (four bytes) and its marked stem. */
    private final BytesTable stems = new BytesTable();

    private final ThreadLocal<OneWord> stemmers;

    private final char mark;

    /**
     * @param stemmer the stemming filter to put over a stream, as the analyzer would
     * @param mark what a stemmed term starts with in the index
     */
    StemCache(Function<TokenStream, TokenStream> stemmer, char mark) {
        this.mark = mark;
        this.stemmers = ThreadLocal.withInitial(() -> new OneWord(stemmer));
    }

    /**
     * A filter that puts after every token its stem, through this cache, marked with {@code mark} and
     * at the same position ({@code prisoners}, {@code ~prisoner}). What a keyword-repeat filter, a
     * stemmer and a marking filter did in three steps, with a copy of every attribute of every token;
     * the other attributes (offsets, type) are the token's own.
     */
    TokenFilter exactThenStem(TokenStream input) {
        return exactThenStem(input, null);
    }

    /**
     * The same, leaving out stems that no query registered in {@code known} asks about: about half the
     * stems of a statement (of "the", "of", "said"...), which the matcher's in-memory index of the
     * statement would store, sort and walk for nothing. Only for that index: a backtest's query is not
     * registered, and its statements are analysed in full.
     */
    TokenFilter exactThenKnownStem(TokenStream input, TermIds known) {
        return exactThenStem(input, known);
    }

    /** @param known the terms whose stems alone to put, or null for every stem */
    private TokenFilter exactThenStem(TokenStream input, TermIds known) {
        return new TokenFilter(input) {
            private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
            private final PositionIncrementAttribute position = addAttribute(PositionIncrementAttribute.class);
            private final BytesRefBuilder word = new BytesRefBuilder();
            private final BytesRef found = new BytesRef();
            private char[] marked = new char[32]; // the marked stem to put next
            private int markedLength = -1;

            @Override
            public boolean incrementToken() throws IOException {
                if (markedLength >= 0) {
                    term.copyBuffer(marked, 0, markedLength);
                    position.setPositionIncrement(0);
                    markedLength = -1;
                    return true;
                }
                if (!input.incrementToken()) {
                    return false;
                }
                word.copyChars(term.buffer(), 0, term.length());
                int place = markedStem(word.get(), found);
                if (known != null && !known.isKnownStem(place, found)) {
                    return true; // the exact token alone
                }
                if (marked.length < found.length) {
                    marked = new char[ArrayUtil.oversize(found.length, Character.BYTES)];
                }
                markedLength = UnicodeUtil.UTF8toUTF16(found.bytes, found.offset, found.length, marked);
                return true;
            }

            @Override
            public void reset() throws IOException {
                super.reset();
                markedLength = -1;
            }
        };
    }

    /**
     * Points {@code stem} at the marked stem of a word (UTF-8 both), from the cache or stemmed now.
     *
     * @return the word's place in the cache, or -1 if it is not cached
     */
    private int markedStem(BytesRef word, BytesRef stem) {
        if (find(word, stem)) {
            return placeOf(stem);
        }
        byte[] made = (mark + stemmers.get().stem(word.utf8ToString())).getBytes(StandardCharsets.UTF_8);
        synchronized (this) {
            if (find(word, stem)) {
                return placeOf(stem);
            }
            int place = -1;
            if (stems.size() < MAX_WORDS) {
                place = stems.size();
                byte[] value = new byte[4 + made.length];
                BitUtil.VH_LE_INT.set(value, 0, place);
                System.arraycopy(made, 0, value, 4, made.length);
                stems.add(word, new BytesRef(value));
            }
            stem.bytes = made;
            stem.offset = 0;
            stem.length = made.length;
            return place;
        }
    }

    /** Finds a cached word, pointing {@code stem} past its place, at its stem. */
    private boolean find(BytesRef word, BytesRef stem) {
        if (!stems.find(word, stem)) {
            return false;
        }
        stem.offset += 4;
        stem.length -= 4;
        return true;
    }

    private static int placeOf(BytesRef stem) {
        return (int) BitUtil.VH_LE_INT.get(stem.bytes, stem.offset - 4);
    }

    int size() {
        return stems.size();
    }

    /** The stemming filter over a stream of one token, reused by one thread. */
    private static final class OneWord extends TokenStream {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final TokenStream stemmed;
        private String word;

        OneWord(Function<TokenStream, TokenStream> stemmer) {
            this.stemmed = stemmer.apply(this);
        }

        @Override
        public boolean incrementToken() {
            if (word == null) {
                return false;
            }
            clearAttributes();
            term.setEmpty().append(word);
            word = null;
            return true;
        }

        String stem(String input) {
            try {
                word = input;
                stemmed.reset();
                String stem = stemmed.incrementToken() ? term.toString() : input;
                stemmed.end();
                stemmed.close();
                return stem;
            } catch (IOException e) {
                throw new UncheckedIOException("stemming an in-memory word failed", e);
            }
        }
    }
}
