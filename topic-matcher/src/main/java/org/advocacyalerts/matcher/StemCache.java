package org.advocacyalerts.matcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Function;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
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
                BytesRef stem = markedStem(word.get(), found);
                if (marked.length < stem.length) {
                    marked = new char[org.apache.lucene.util.ArrayUtil.oversize(stem.length, Character.BYTES)];
                }
                markedLength = UnicodeUtil.UTF8toUTF16(stem.bytes, stem.offset, stem.length, marked);
                return true;
            }

            @Override
            public void reset() throws IOException {
                super.reset();
                markedLength = -1;
            }
        };
    }

    /** The marked stem of a word (UTF-8 both), from the cache into {@code found}, or stemmed now. */
    private BytesRef markedStem(BytesRef word, BytesRef found) {
        if (stems.find(word, found)) {
            return found;
        }
        BytesRef stem = new BytesRef(mark + stemmers.get().stem(word.utf8ToString()));
        if (stems.size() < MAX_WORDS) {
            stems.add(word, stem);
        }
        return stem;
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
