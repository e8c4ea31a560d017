package org.advocacyalerts.matcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.util.ElisionFilter;

/**
 * How statement text and query terms are turned into index terms. Every text field exists three ways:
 * {@code .exact} (lower-cased, diacritics folded: for phrases and wildcards), {@code .en} (plus English
 * inflection stemming: "detainees" = "detainee", "released" = "release") and {@code .fr} (French light
 * stemming, elisions removed). A statement fills {@code .en} or {@code .fr} by its language.
 */
public final class Analysis {

    public static final String TITLE = "title";
    public static final String BODY = "body";
    public static final String SOURCE = "source";
    public static final String LANGUAGE = "language";

    public static final String EXACT = ".exact";
    public static final String ENGLISH = ".en";
    public static final String FRENCH = ".fr";

    /** Stemmed variants that a word is looked up in; a statement has one of them by its language. */
    static final List<String> STEMMED = List.of(ENGLISH, FRENCH);

    static final Analyzer EXACT_ANALYZER = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String field) {
            Tokenizer source = new StandardTokenizer();
            return new TokenStreamComponents(source, new ASCIIFoldingFilter(new LowerCaseFilter(source)));
        }
    };

    static final Analyzer ENGLISH_ANALYZER = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String field) {
            Tokenizer source = new StandardTokenizer();
            TokenStream stream = new EnglishPossessiveFilter(source);
            stream = new ASCIIFoldingFilter(new LowerCaseFilter(stream));
            // KStem: inflections only, so "prisoners" stays apart from "prison" (Porter would merge them).
            return new TokenStreamComponents(source, new KStemFilter(stream));
        }
    };

    static final Analyzer FRENCH_ANALYZER = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String field) {
            Tokenizer source = new StandardTokenizer();
            TokenStream stream = new ElisionFilter(source, FrenchAnalyzer.DEFAULT_ARTICLES);
            stream = new ASCIIFoldingFilter(new LowerCaseFilter(stream));
            return new TokenStreamComponents(source, new FrenchLightStemFilter(stream));
        }
    };

    static final Analyzer KEYWORD_ANALYZER = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String field) {
            Tokenizer source = new KeywordTokenizer();
            return new TokenStreamComponents(source, new LowerCaseFilter(source));
        }
    };

    /** The analyzer of every field the matcher knows. */
    public static final Analyzer ANALYZER = new PerFieldAnalyzerWrapper(
            EXACT_ANALYZER,
            Map.of(
                    TITLE + ENGLISH,
                    ENGLISH_ANALYZER,
                    BODY + ENGLISH,
                    ENGLISH_ANALYZER,
                    TITLE + FRENCH,
                    FRENCH_ANALYZER,
                    BODY + FRENCH,
                    FRENCH_ANALYZER,
                    SOURCE,
                    KEYWORD_ANALYZER,
                    LANGUAGE,
                    KEYWORD_ANALYZER));

    private Analysis() {}

    /** The terms {@code text} becomes in {@code field}. */
    static List<String> terms(String field, String text) {
        List<String> terms = new ArrayList<>();
        try (TokenStream stream = ANALYZER.tokenStream(field, text)) {
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

    /** The statement field a Lucene field belongs to: "body.en" is evidence in "body". */
    static String textField(String luceneField) {
        int dot = luceneField.indexOf('.');
        return dot < 0 ? luceneField : luceneField.substring(0, dot);
    }
}
