package org.advocacyalerts.matcher;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArrayMap;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.fr.FrenchLightStemmer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.KeywordRepeatFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;
import org.apache.lucene.analysis.util.ElisionFilter;

/**
 * How statement text and query terms are turned into index terms. Title and body are one field each,
 * analysed once: every word is indexed twice at the same position, exactly (lower-cased, diacritics
 * folded, possessive and elision removed: {@code prisoners}) for phrases and wildcards, and stemmed with
 * a mark ({@code ~prisoner}; French {@code ^prisonni}) for words and proximity. English statements are stemmed
 * with KStem (inflections only, so "prisoners" stays apart from "prison"), French ones with the French
 * light stemmer. Sharing positions lets one phrase or NEAR mix exact and stemmed terms. A mark word
 * ({@link SentenceMarkFilter}) stands before each sentence but the first, for {@code NEAR/s}.
 */
public final class Analysis {

    public static final String TITLE = "title";
    public static final String BODY = "body";
    public static final String SOURCE = "source";
    public static final String LANGUAGE = "language";

    /**
     * The marks of stemmed terms, English and French: the tokenizer never produces them, so no exact
     * term can collide with a stem, nor an English stem with a French one ("prisoners" is "prison" in
     * French light stemming).
     */
    static final char ENGLISH_STEM = '~';

    static final char FRENCH_STEM = '^';

    /** KStem's results, shared by every English stream (see {@link StemCache}). */
    static final StemCache ENGLISH_STEMS = new StemCache(KStemFilter::new, ENGLISH_STEM);

    static final Analyzer ENGLISH = text(false, null);
    static final Analyzer FRENCH = text(true, null);

    static final Analyzer KEYWORD_ANALYZER = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String field) {
            Tokenizer source = new KeywordTokenizer();
            return new TokenStreamComponents(source, new LowerCaseFilter(source));
        }
    };

    /** The analyzer of every field the matcher knows, for English statements. */
    public static final Analyzer ANALYZER = perField(ENGLISH);

    /** The same for French statements. */
    public static final Analyzer FRENCH_ANALYZER = perField(FRENCH);

    private Analysis() {}

    /**
     * A monitor's own analyzer of English statements: as {@link #ANALYZER}, without the stems no query
     * registered in {@code known} asks about ({@link StemCache#exactThenKnownStem}).
     */
    static Analyzer matching(TermIds known) {
        return perField(text(false, known));
    }

    private static Analyzer perField(Analyzer text) {
        return new PerFieldAnalyzerWrapper(text, Map.of(SOURCE, KEYWORD_ANALYZER, LANGUAGE, KEYWORD_ANALYZER));
    }

    /** @param known whose stems alone to put in English text, or null for all (French text keeps all) */
    private static Analyzer text(boolean french, TermIds known) {
        // Per field: a French statement's title and body streams are made before either is read.
        return new Analyzer(Analyzer.PER_FIELD_REUSE_STRATEGY) {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer source = new StandardTokenizer();
                TokenStream stream = new EnglishPossessiveFilter(source);
                stream = new ElisionFilter(stream, FrenchAnalyzer.DEFAULT_ARTICLES);
                stream = new ASCIIFoldingFilter(new LowerCaseFilter(stream));
                if (!french) {
                    stream = known != null
                            ? ENGLISH_STEMS.exactThenKnownStem(stream, known)
                            : ENGLISH_STEMS.exactThenStem(stream);
                } else {
                    stream = new KeywordRepeatFilter(stream); // the exact token, then a copy to stem
                    stream = new StemMarkFilter(new FrenchStemFilter(stream), FRENCH_STEM);
                }
                if (!TITLE.equals(field) && !BODY.equals(field)) {
                    return new TokenStreamComponents(source, stream);
                }
                // Sentence breaks are words too (NEAR/s cannot span one): the text is read whole first.
                SentenceMarkFilter marked = new SentenceMarkFilter(stream, BODY.equals(field));
                return new TokenStreamComponents(
                        reader -> {
                            String text = readAll(reader);
                            marked.sentencesOf(text);
                            source.setReader(new StringReader(text));
                        },
                        marked);
            }
        };
    }

    private static String readAll(Reader reader) {
        try {
            StringBuilder text = new StringBuilder();
            char[] chunk = new char[2048];
            for (int n; (n = reader.read(chunk)) != -1; ) {
                text.append(chunk, 0, n);
            }
            return text.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("reading a statement's text failed", e);
        }
    }

    /**
     * The French light stemmer, except for words in -ement, which keep their own stem (plural aside): it
     * cuts them to the stem of the verb or participle, and there a noun's meaning parts from the
     * participle's. "Traitement" (treatment) became "trait" as "traité" (treaty) did, so a statement on the
     * treatment of detainees matched a treaty; "déplacement" (an official trip) became "deplac" as
     * "déplacés" (displaced people) did. The adverbs in -ement ("également") keep theirs too. The forms of
     * "accorder" (to grant) share the stem "accorder": the light stemmer cut "accordé" to "acord" as it cuts
     * "accord" (agreement), so "La France a accordé une aide" was an agreement; "Crimée" keeps its own, not
     * that of "crime". A noun in -isation takes its verb's stem: the light stemmer cut "normalisation" to
     * "normal", the stem of "normale", while "normaliser" kept "normalis".
     */
    static final class FrenchStemFilter extends TokenFilter {
        /**
         * Words the light stemmer gives another word's stem, as they reach it (lower case, accents folded),
         * with the stem they keep: the forms of "accorder", not "acord" (the stem of "accord"), and "Crimée",
         * not "crim" (the stem of "crime").
         */
        private static final CharArrayMap<String> OWN_STEMS = ownStems();

        private static CharArrayMap<String> ownStems() {
            CharArrayMap<String> stems = new CharArrayMap<>(16, false);
            for (String accorder : List.of(
                    "accorde",
                    "accordes",
                    "accordee",
                    "accordees",
                    "accorder",
                    "accordent",
                    "accordons",
                    "accordez",
                    "accordait",
                    "accordaient",
                    "accordant",
                    "accordera",
                    "accorderont",
                    "accorderait",
                    "accorderaient")) {
                stems.put(accorder, "accorder");
            }
            stems.put("crimee", "crimee");
            return CharArrayMap.unmodifiableMap(stems);
        }

        private final FrenchLightStemmer stemmer = new FrenchLightStemmer();
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final KeywordAttribute keyword = addAttribute(KeywordAttribute.class);

        FrenchStemFilter(TokenStream input) {
            super(input);
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (!input.incrementToken()) {
                return false;
            }
            if (!keyword.isKeyword()) {
                char[] buffer = term.buffer();
                int length = term.length();
                int noun = length > 0 && buffer[length - 1] == 's' ? length - 1 : length;
                if (noun > 6 && endsWith(buffer, noun, "ement")) {
                    term.setLength(noun);
                } else if (noun > 8 && endsWith(buffer, noun, "isation")) {
                    term.setLength(noun - "ation".length());
                } else {
                    String own = OWN_STEMS.get(buffer, 0, length);
                    if (own != null) {
                        term.setEmpty().append(own);
                    } else {
                        term.setLength(stemmer.stem(buffer, length));
                    }
                }
            }
            return true;
        }

        private static boolean endsWith(char[] buffer, int length, String suffix) {
            int start = length - suffix.length();
            if (start < 0) {
                return false;
            }
            for (int i = 0; i < suffix.length(); i++) {
                if (buffer[start + i] != suffix.charAt(i)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Marks the stemmed copy that {@link KeywordRepeatFilter} made ({@code ^prisonni}). */
    static final class StemMarkFilter extends TokenFilter {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final KeywordAttribute keyword = addAttribute(KeywordAttribute.class);
        private final char mark;

        StemMarkFilter(TokenStream input, char mark) {
            super(input);
            this.mark = mark;
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (!input.incrementToken()) {
                return false;
            }
            if (!keyword.isKeyword()) {
                int length = term.length();
                char[] buffer = term.resizeBuffer(length + 1);
                System.arraycopy(buffer, 0, buffer, 1, length);
                buffer[0] = mark;
                term.setLength(length + 1);
            }
            return true;
        }
    }

    /** The exact terms of {@code text}, in order ("Prisoners of War" → prisoners, of, war). */
    static List<String> exact(String text) {
        List<String> all = terms(ENGLISH, text);
        return all.stream().filter(t -> t.charAt(0) != ENGLISH_STEM).toList();
    }

    /** The stemmed terms of {@code text} in one language, marked, in order. */
    static List<String> stemmed(String text, boolean french) {
        char mark = french ? FRENCH_STEM : ENGLISH_STEM;
        List<String> all = terms(french ? FRENCH : ENGLISH, text);
        return all.stream().filter(t -> t.charAt(0) == mark).toList();
    }

    /** The stemmed forms of {@code text} a statement may hold: English and French. */
    static Set<List<String>> stemmedVariants(String text) {
        Set<List<String>> variants = new LinkedHashSet<>();
        variants.add(stemmed(text, false));
        variants.add(stemmed(text, true));
        variants.removeIf(List::isEmpty);
        return variants;
    }

    /** Every term, exact and stemmed, that {@code text} puts in an English statement's index. */
    static List<String> allTerms(String text) {
        return allTerms(text, false);
    }

    /** Every term, exact and stemmed, that {@code text} puts in a French or an English statement's index. */
    static List<String> allTerms(String text, boolean french) {
        return terms(french ? FRENCH : ENGLISH, text);
    }

    private static List<String> terms(Analyzer analyzer, String text) {
        List<String> terms = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(BODY, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysis of an in-memory string failed", e);
        }
        return terms;
    }
}
