package org.advocacyalerts.matcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PairPresearcherTest {

    private static final Thesaurus POWS =
            new Thesaurus(List.of(List.of("POWs", "prisoners of war", "detainees", "captives")));

    private final QueryCompiler compiler = new QueryCompiler(QueryLimits.SUBSCRIPTIONS);

    @Test
    void aStatementIsACandidateOnlyForQueriesWhoseTwoRarestClausesItHolds() {
        try (TopicMonitor monitor = new TopicMonitor()) {
            monitor.register("and", compiler.compile("Lachin AND corridor", POWS));
            monitor.register("phrase", compiler.compile("\"Lachin corridor\"", POWS));
            monitor.register("near", compiler.compile("\"corridor Lachin\"~3", POWS));
            monitor.register("or", compiler.compile("Lachin OR Stepanakert", POWS));
            monitor.register("wildcard", compiler.compile("corrid* AND Lachin", POWS));
            // Filed under Stepanakert or the pair of the phrase's rarer words, never under "the".
            monitor.register("or-phrase", compiler.compile("Stepanakert OR \"the humanitarian corridor\"", POWS));

            StatementText oneWord = new StatementText("Lachin", "The road through Lachin was closed.", "en", "s");
            assertThat(monitor.stats(oneWord).candidates())
                    .as("only the OR is a candidate of a statement without \"corridor\"")
                    .isEqualTo(1);
            assertThat(monitor.matchingIds(oneWord)).containsExactly("or");

            StatementText bothWords =
                    new StatementText("Corridor", "Lachin is calm. Traffic resumed on the long corridor.", "en", "s");
            // A phrase and a proximity pair are filed with where their words stand: words six apart
            // make neither a candidate.
            assertThat(monitor.stats(bothWords).candidates())
                    .as("the AND, the OR and the wildcard")
                    .isEqualTo(3);
            assertThat(monitor.matchingIds(bothWords)).containsExactlyInAnyOrder("and", "or", "wildcard");

            StatementText adjacent = new StatementText("Road", "The Lachin corridor reopened.", "en", "s");
            assertThat(monitor.stats(adjacent).candidates()).isEqualTo(5);
            assertThat(monitor.matchingIds(adjacent))
                    .containsExactlyInAnyOrder("and", "phrase", "near", "or", "wildcard");
            // "corridor Lachin"~3: Lachin three words after "corridor" is two moves from following it
            // (Lucene's |q - 1 - p| <= slop), a candidate that matches; seven words after is none.
            StatementText withinSlop = new StatementText("Road", "The corridor Goris to Lachin reopened.", "en", "s");
            assertThat(monitor.stats(withinSlop).candidates()).isEqualTo(4);
            assertThat(monitor.matchingIds(withinSlop)).containsExactlyInAnyOrder("and", "near", "or", "wildcard");
            StatementText beyondSlop =
                    new StatementText("Road", "The corridor from Goris to the town of Lachin reopened.", "en", "s");
            assertThat(monitor.stats(beyondSlop).candidates()).isEqualTo(3);
            assertThat(monitor.matchingIds(beyondSlop)).containsExactlyInAnyOrder("and", "or", "wildcard");

            // Each alternative of an OR is filed as a query of its own: the phrase under the pair of its
            // two rarer words, so a statement with only one of them is no candidate.
            StatementText aid = new StatementText("Aid", "Humanitarian aid reached Goris.", "en", "s");
            assertThat(monitor.stats(aid).candidates()).isZero();
            StatementText corridor = new StatementText("Aid", "The humanitarian corridor reopened.", "en", "s");
            assertThat(monitor.stats(corridor).candidates()).isEqualTo(1);
            assertThat(monitor.matchingIds(corridor)).containsExactly("or-phrase");

            // The two words may be in different fields: the wildcard's word in the title only.
            StatementText split = new StatementText("Corridors reopened", "Lachin is calm.", "en", "s");
            assertThat(monitor.matchingIds(split)).containsExactlyInAnyOrder("and", "or", "wildcard");
        }
    }

    /**
     * A query whose every required clause has a wildcard among its words is filed under the words of one
     * of them and the wildcard's prefix, not as a candidate of every statement: a statement is one when it
     * holds one of the words, or some word starting with the prefix.
     */
    @Test
    void aClauseOfWordsWithAWildcardIsFiledUnderTheWordsAndThePrefix() {
        try (TopicMonitor monitor = new TopicMonitor()) {
            monitor.register("both", compiler.compile("(armenia* OR Artsakh) NEAR/s (azerbaijan* OR Baku)", POWS));
            monitor.register("alone", compiler.compile("detain*", POWS));

            StatementText neither = new StatementText("Weather", "Snow fell near Verinshen.", "en", "s");
            assertThat(monitor.stats(neither).candidates()).isZero();

            StatementText prefixed = new StatementText("Talks", "Armenian and Azerbaijani ministers met.", "en", "s");
            assertThat(monitor.stats(prefixed).candidates()).isEqualTo(1);
            assertThat(monitor.matchingIds(prefixed)).containsExactly("both");

            StatementText word = new StatementText("Detained", "Artsakh officials spoke in Baku.", "en", "s");
            assertThat(monitor.matchingIds(word)).containsExactlyInAnyOrder("both", "alone");
        }
    }

    @Test
    void aClauseThatCanNeverMatchAsksForNothing() {
        Query never = new BooleanQuery.Builder()
                .add(new MatchNoDocsQuery(), BooleanClause.Occur.SHOULD)
                .add(new TermQuery(new Term(Analysis.BODY, "war")), BooleanClause.Occur.MUST_NOT)
                .build();
        Query query = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(Analysis.BODY, "lachin")), BooleanClause.Occur.MUST)
                .add(never, BooleanClause.Occur.MUST)
                .build();

        assertThat(new PairPresearcher(Map.of(), new TermIds()).required(query))
                .containsExactly(Set.of(new BytesRef("lachin")));
        assertThat(new PairPresearcher(Map.of(), new TermIds()).required(never)).isEmpty();
        // As a user writes it: the compiler folds the group of NOTs into the AND, nothing to ask for.
        assertThat(new PairPresearcher(Map.of(), new TermIds())
                        .required(compiler.compile("Lachin AND (NOT war AND NOT peace)", POWS)
                                .query()))
                .hasSize(1);
    }

    /**
     * Random queries of every kind over statements of a small vocabulary, so that words meet and miss
     * each other often: the Monitor matches exactly the queries a one-by-one search matches, with term
     * frequencies (the rarest clauses paired) and without (the longest words paired).
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void randomQueriesMatchExactlyWhatTheyMatchOneByOne(boolean withFrequencies) throws Exception {
        Random random = new Random(withFrequencies ? 907 : 2021);
        List<StatementText> statements = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            boolean french = i % 10 == 9;
            statements.add(new StatementText(
                    sentence(random, 3 + random.nextInt(5), french),
                    sentence(random, 20 + random.nextInt(60), french),
                    french ? "fr" : "en",
                    i % 2 == 0 ? "state-department" : "osce"));
        }
        Map<String, CompiledQuery> queries = new LinkedHashMap<>();
        for (int i = 0; i < 400; i++) {
            String text = query(random, 0);
            queries.put("q" + i + " " + text, compiler.compile(text, POWS));
        }
        Map<String, Integer> frequencies = withFrequencies
                ? TermStatistics.documentFrequencies(statements.stream()
                        .map(s -> s.title() + "\n" + s.body())
                        .toList())
                : Map.of();
        int matched = 0;
        int candidates = 0;
        try (TopicMonitor monitor = new TopicMonitor(frequencies)) {
            monitor.register(queries);
            for (StatementText statement : statements) {
                IndexSearcher searcher = MemoryIndex.fromDocument(
                                TopicMonitor.document(statement), TopicMonitor.analyzer(statement), true, false)
                        .createSearcher();
                Set<String> expected = new TreeSet<>();
                for (Map.Entry<String, CompiledQuery> entry : queries.entrySet()) {
                    if (searcher.count(entry.getValue().query()) > 0) {
                        expected.add(entry.getKey());
                    }
                }
                assertThat(new TreeSet<>(monitor.matchingIds(statement)))
                        .as(statement.title() + ": " + statement.body())
                        .isEqualTo(expected);
                matched += expected.size();
                candidates += monitor.stats(statement).candidates();
            }
        }
        assertThat(matched).as("matches, of 400 queries on 40 statements").isBetween(400, 12_000);
        assertThat(candidates).as("candidates, beside %d matches", matched).isLessThan(matched * 3);
    }

    private static final List<String> WORDS = List.of(
            "border",
            "borders",
            "bordering",
            "prisoners",
            "prisoner",
            "war",
            "of",
            "POWs",
            "captives",
            "detainees",
            "release",
            "released",
            "Armenia",
            "Armenian",
            "Azerbaijan",
            "Lachin",
            "corridor",
            "peace",
            "talks",
            "treaty",
            "Section",
            "907",
            "waiver",
            "humanitarian",
            "the",
            "and",
            "near",
            "Baku",
            "Yerevan",
            "demarcation");

    private static final List<String> FRENCH = List.of(
            "frontière",
            "frontières",
            "prisonniers",
            "prisonnier",
            "libération",
            "Arménie",
            "Azerbaïdjan",
            "corridor",
            "paix",
            "la",
            "des",
            "et");

    private static String sentence(Random random, int words, boolean french) {
        List<String> vocabulary = french ? FRENCH : WORDS;
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < words; i++) {
            boolean sentenceEnds = i > 0 && random.nextInt(8) == 0;
            String word = vocabulary.get(random.nextInt(vocabulary.size()));
            text.append(i == 0 ? "" : sentenceEnds ? ". " : " ")
                    .append(sentenceEnds ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
        }
        return text.toString();
    }

    /**
     * A query of the language: words, phrases, proximity, wildcards, fields, AND, OR, NOT, NEAR, NEAR/s,
     * NOT/s, about:.
     */
    private static String query(Random random, int depth) {
        int kind = random.nextInt(depth < 2 ? 11 : 6);
        return switch (kind) {
            case 0, 1 -> word(random);
            case 2 ->
                "\"" + word(random) + " " + word(random) + (random.nextBoolean() ? " " + word(random) : "") + "\"";
            case 3 -> "\"" + word(random) + " " + word(random) + "\"~" + (1 + random.nextInt(6));
            case 4 -> List.of("bord", "pris", "relea", "armen").get(random.nextInt(4)) + "*";
            case 5 -> (random.nextBoolean() ? "title:" : "body:") + word(random);
            case 6, 7 -> "(" + query(random, depth + 1) + " AND " + query(random, depth + 1) + ")";
            case 8 -> "(" + query(random, depth + 1) + " OR " + query(random, depth + 1) + ")";
            case 9 -> "(" + query(random, depth + 1) + " AND NOT " + word(random) + ")";
            default ->
                switch (random.nextInt(4)) {
                    case 0 -> "(" + word(random) + " NEAR/" + (1 + random.nextInt(5)) + " " + word(random) + ")";
                    case 1 -> "(" + word(random) + " NEAR/s " + word(random) + ")";
                    case 2 -> "(" + word(random) + " NEAR/s " + word(random) + " NOT/s " + word(random) + ")";
                    default -> "about:(" + word(random) + " OR " + word(random) + ")";
                };
        };
    }

    private static String word(Random random) {
        String word = random.nextInt(6) == 0
                ? FRENCH.get(random.nextInt(FRENCH.size()))
                : WORDS.get(random.nextInt(WORDS.size()));
        return word.equals("near") || word.equals("and") ? "treaty" : word;
    }
}
