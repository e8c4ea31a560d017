package org.advocacyalerts.matcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Remembers the stem of every word seen, for all threads. KStem looks a word up in its dictionary once
 * per suffix rule it tries; on 5 KB statements that was half of all matching time, while the words of
 * official statements repeat from one statement to the next. Bounded: past {@link #MAX_WORDS} distinct
 * words (a flood of nonsense words, say) new ones are stemmed every time, which is only as slow as
 * before, never wrong.
 */
final class StemCache {

    static final int MAX_WORDS = 200_000;

    private final ConcurrentHashMap<String, String> stems = new ConcurrentHashMap<>();
    private final ThreadLocal<OneWord> stemmers;

    /** @param stemmer the stemming filter to put over a stream, as the analyzer would */
    StemCache(Function<TokenStream, TokenStream> stemmer) {
        this.stemmers = ThreadLocal.withInitial(() -> new OneWord(stemmer));
    }

    /**
     * A filter that puts after every token its stem, through this cache, marked with {@code mark} and
     * at the same position ({@code prisoners}, {@code ~prisoner}). What a keyword-repeat filter, a
     * stemmer and a marking filter did in three steps, with a copy of every attribute of every token;
     * the other attributes (offsets, type) are the token's own.
     */
    TokenFilter exactThenStem(TokenStream input, char mark) {
        return new TokenFilter(input) {
            private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
            private final PositionIncrementAttribute position = addAttribute(PositionIncrementAttribute.class);
            private char[] marked = new char[32]; // the stem to put next, mark first
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
                String stemmed = stem(term.toString());
                markedLength = stemmed.length() + 1;
                if (marked.length < markedLength) {
                    marked = new char[org.apache.lucene.util.ArrayUtil.oversize(markedLength, Character.BYTES)];
                }
                marked[0] = mark;
                stemmed.getChars(0, stemmed.length(), marked, 1);
                return true;
            }

            @Override
            public void reset() throws IOException {
                super.reset();
                markedLength = -1;
            }
        };
    }

    String stem(String word) {
        String stem = stems.get(word);
        if (stem == null) {
            stem = stemmers.get().stem(word);
            if (stems.size() < MAX_WORDS) {
                stems.putIfAbsent(word, stem);
            }
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
