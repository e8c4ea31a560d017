package org.advocacyalerts.matcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.advocacyalerts.model.Evidence;
import org.apache.lucene.index.memory.MemoryIndex;
import org.junit.jupiter.api.Test;

class TopicMonitorTest {

    private static final Thesaurus POWS =
            new Thesaurus(List.of(List.of("POWs", "prisoners of war", "detainees", "captives")));

    private final QueryCompiler compiler = new QueryCompiler(QueryLimits.SUBSCRIPTIONS);

    private boolean matches(String query, String body) {
        return matches(query, new StatementText("Statement", body, "en", "state-department"));
    }

    private boolean matches(String query, StatementText statement) {
        try (TopicMonitor monitor = new TopicMonitor()) {
            monitor.register("q", compiler.compile(query, POWS));
            return monitor.matchingIds(statement).contains("q");
        }
    }

    /** A statement of the French ministry, stemmed as French. */
    private static StatementText french(String body) {
        return new StatementText("Déclaration", body, "fr", "mfa");
    }

    private List<Evidence> evidence(String query, String title, String body) {
        return evidence(query, new StatementText(title, body, "en", "state-department"));
    }

    private List<Evidence> evidence(String query, StatementText statement) {
        try (TopicMonitor monitor = new TopicMonitor()) {
            monitor.register("q", compiler.compile(query, POWS));
            List<Match> matches = monitor.match(statement);
            assertThat(matches).hasSize(1);
            return matches.get(0).evidence();
        }
    }

    @Test
    void matchCountingTellsHowManyCandidateQueriesRanBesideTheMatches() {
        try (TopicMonitor monitor = new TopicMonitor()) {
            monitor.register("pows", compiler.compile("prisoners AND Baku", POWS));
            monitor.register("pows-alone", compiler.compile("prisoners AND NOT Baku", POWS));
            monitor.register("border", compiler.compile("border", POWS));
            StatementText statement =
                    new StatementText("Statement", "The prisoners held in Baku must go home.", "en", "state");

            TopicMonitor.Matched matched = monitor.matchCounting(statement);

            assertThat(matched.matches()).extracting(Match::queryId).containsExactly("pows");
            assertThat(matched.candidates())
                    .as("both prisoners queries run; the border query is never a candidate")
                    .isEqualTo(2);
            assertThat(matched.candidates()).isEqualTo(monitor.stats(statement).candidates());
        }
    }

    @Test
    void wordsMatchTheirInflections() {
        assertThat(matches("detainee", "All detainees must be released.")).isTrue();
        assertThat(matches("released", "Azerbaijan should release them.")).isTrue();
        assertThat(matches("prisoners", "The prison was closed.")).isFalse();
    }

    @Test
    void anEnglishWordFindsItsCountrysAdjectiveButAWildcardIsNotStemmed() {
        // KStem maps a nationality to its country: docs/topics.md tells topic writers so
        assertThat(matches("Armenia", "Armenians gathered in the square.")).isTrue();
        assertThat(matches("Azerbaijan", "Azeri forces opened fire.")).isTrue();
        assertThat(matches("Azerbaijan*", "Azerbaijani forces opened fire.")).isTrue();
        assertThat(matches("Azerbaijan*", "Azeri forces opened fire.")).isFalse();
    }

    @Test
    void exactPhraseMatchesOnlyTheseWordsInThisOrder() {
        assertThat(matches("\"undemarcated border\"", "Stop fortifying the undemarcated border now."))
                .isTrue();
        assertThat(matches("\"undemarcated border\"", "The border, still undemarcated, is tense."))
                .isFalse();
        assertThat(matches("\"undemarcated border\"", "Stop fortifying the undemarcated borders now."))
                .isFalse();
    }

    @Test
    void proximityMatchesWordsWithinTheDistance() {
        assertThat(matches("\"release detainees\"~5", "release all of the remaining detainees"))
                .isTrue();
        assertThat(matches("\"release detainees\"~2", "release all of the remaining detainees"))
                .isFalse();
    }

    @Test
    void trailingWildcardMatchesEveryEnding() {
        assertThat(matches("detain*", "several soldiers were detained")).isTrue();
        assertThat(matches("detain*", "the detention of soldiers")).isFalse();
    }

    @Test
    void booleanOperatorsAndParentheses() {
        String query = "(border OR boundary) AND (Armenia OR Azerbaijan) NOT Kyrgyzstan";

        assertThat(matches(query, "The Armenia-Azerbaijan border commission met."))
                .isTrue();
        assertThat(matches(query, "The Kyrgyzstan border with Azerbaijan.")).isFalse();
        assertThat(matches(query, "The southern border.")).isFalse();
    }

    @Test
    void caseAndDiacriticsAreFolded() {
        assertThat(matches("erdogan", "President Recep Tayyip ERDOĞAN said")).isTrue();
        assertThat(matches("\"Erdoğan said\"", "erdogan said")).isTrue();
    }

    @Test
    void fieldScopesRestrictWhereATermMayMatch() {
        StatementText statement = new StatementText("Border talks", "Prisoners were discussed.", "en", "osce");

        assertThat(matches("title:border", statement)).isTrue();
        assertThat(matches("body:border", statement)).isFalse();
        assertThat(matches("prisoners source:osce", statement)).isTrue();
        assertThat(matches("prisoners source:state-department", statement)).isFalse();
        assertThat(matches("prisoners language:fr", statement)).isFalse();
    }

    @Test
    void frenchStatementsAreStemmedInFrench() {
        StatementText french = new StatementText(
                "Arménie", "La France demande la libération des prisonniers de guerre.", "fr", "diplomatie-fr");

        assertThat(matches("prisonnier", french)).isTrue();
        assertThat(matches("\"prisonniers de guerre\"", french)).isTrue();
        assertThat(matches("liberation language:fr", french)).isTrue();
    }

    @Test
    void aFrenchWordMatchedByItsFrenchStemAloneIsEvidenceToo() {
        // "libérer" and "libéré" share only their French stem (KStem keeps them apart)
        StatementText statement = french("Les deux bergers ont été libérés hier soir. Ils sont rentrés chez eux.");

        assertThat(evidence("libérer", statement)).singleElement().satisfies(e -> {
            assertThat(e.text()).isEqualTo("libérés");
            assertThat(e.clause()).isEqualTo("libérer");
            assertThat(e.sentence()).isEqualTo("Les deux bergers ont été libérés hier soir.");
        });
        assertThat(evidence("berger NEAR/s libérer", statement))
                .extracting(Evidence::text)
                .containsExactly("bergers", "libérés");
    }

    @Test
    void aFrenchNounInEmentIsNotTheParticipleItComesFrom() {
        StatementText treatment =
                french("Nous demandons un traitement conforme au droit international pour les détenus.");
        StatementText trip = french("Le ministre effectuera un déplacement à Erevan.");

        assertThat(matches("traité", treatment)).as("treaty is not treatment").isFalse();
        assertThat(matches("déplacés", trip))
                .as("displaced people are not a minister's trip")
                .isFalse();
        assertThat(matches("traitements", treatment))
                .as("the noun still takes its plural")
                .isTrue();
        assertThat(matches("traité", french("Les traités de paix."))).isTrue();
    }

    @Test
    void aFrenchVerbThatGrantsIsNotAnAgreement() {
        StatementText aid = french("La France a accordé une aide de 7 millions d'euros à l'Arménie.");

        assertThat(matches("accord", aid)).as("accordé (granted) is no accord").isFalse();
        assertThat(matches("accord", french("La banque accorde un prêt à l'Arménie.")))
                .isFalse();
        assertThat(matches("accord", french("Les deux pays ont paraphé l'accord.")))
                .isTrue();
        assertThat(matches("accord", french("Les accords de paix.")))
                .as("the noun still takes its plural")
                .isTrue();
        assertThat(matches("accorder", french("Elle accorde une aide.")))
                .as("the verb finds its own forms")
                .isTrue();
    }

    @Test
    void aFrenchNounInIsationIsItsVerbNotItsAdjective() {
        // the light stemmer cut "normalisation" to "normal", the stem of "normale", not of "normaliser"
        assertThat(matches("normalisation", french("La circulation est revenue à la normale à Erevan.")))
                .as("normale (normal) is no normalisation")
                .isFalse();
        assertThat(matches("normalisation", french("Les deux pays veulent normaliser leurs relations.")))
                .as("the verb is")
                .isTrue();
        assertThat(matches("normalisation", french("Les normalisations successives.")))
                .as("the noun still takes its plural")
                .isTrue();
        assertThat(matches("organisation", french("Un organe consultatif.")))
                .as("organe (body) is no organisation")
                .isFalse();
    }

    @Test
    void notListedLeavesOutAWordThatIsOnlyAnItemOfAList() {
        String query = "detainees NEAR/s Armenian* NOT/list";
        assertThat(matches(
                        query,
                        "The Secretary discussed the steps towards peace, including border delimitation, opening"
                                + " transport links and the release of the remaining Armenian detainees."))
                .as("one item of three after \"including\"")
                .isFalse();
        assertThat(matches(query, "Azerbaijan must release the Armenian detainees, including two civilians."))
                .as("the detainees stand before the list, which has one item")
                .isTrue();
        assertThat(matches(
                        query,
                        "Azerbaijan holds Armenian detainees, including soldiers, shepherds and a former minister."))
                .as("a list of who they are: the detainees themselves are not an item")
                .isTrue();
        assertThat(matches(
                        query,
                        "We discussed the region, including trade, energy and transport. Azerbaijan must free the"
                                + " Armenian detainees."))
                .as("a list in another sentence leaves this one alone")
                .isTrue();
        assertThat(matches(
                        query,
                        "We raised several issues, including trade, energy and transport: the Armenian detainees must go"
                                + " home."))
                .as("a colon ends the list")
                .isTrue();
        assertThat(matches(
                        "détenus NEAR/s arméniens NOT/list",
                        french("Ils ont évoqué la paix, notamment la délimitation, les transports et la libération"
                                + " des détenus arméniens.")))
                .isFalse();
    }

    @Test
    void aNearMissShowsWhereNotListLeftOutAListItem() {
        // Without it a staff member saw "detainees" found, nothing missing and nothing excluding, and could
        // not tell why the topic missed the statement.
        String query = "POWs NEAR/s Armenian* NOT/list";
        NearMisses.NearMiss why = new NearMisses(compiler, query, POWS)
                .of(new StatementText(
                        "Call",
                        "The Secretary discussed the steps towards peace, including border delimitation, opening"
                                + " transport links and the release of the remaining Armenian detainees.",
                        "en",
                        "s"));
        assertThat(why.missing()).isEmpty();
        assertThat(why.excluding())
                .extracting(Evidence::clause, Evidence::text)
                .containsExactly(tuple("detainees (alias of POWs) (list item)", "detainees"));
        assertThat(new NearMisses(compiler, query, POWS)
                        .of(new StatementText(
                                "Call",
                                "Azerbaijan holds Armenian detainees, including soldiers, shepherds and a minister.",
                                "en",
                                "s"))
                        .excluding())
                .as("detainees before the list are no item of it")
                .isEmpty();
        assertThat(new NearMisses(compiler, "POWs NEAR/s Armenian*", POWS)
                        .of(new StatementText(
                                "Call",
                                "They discussed peace, including trade, transport and the Armenian detainees.",
                                "en",
                                "s"))
                        .excluding())
                .as("without NOT/list a list excludes nothing")
                .isEmpty();
    }

    @Test
    void aListedWordKeepsItsEvidence() {
        // the mark beside a list's items has the item's offsets: evidence spans keep their bounds and words
        String body = "We welcome efforts by partners, including the European Union, to build confidence and to"
                + " ensure direct dialogue between Armenia and Azerbaijan.";
        assertThat(evidence("dialogue NEAR/6 Armenia NEAR/6 Azerbaijan", "Briefing", body))
                .extracting(Evidence::text)
                .containsExactlyInAnyOrder("dialogue", "Armenia", "Azerbaijan");
        assertThat(evidence("Azerbaijan", "Briefing", body))
                .singleElement()
                .satisfies(e -> assertThat(body.substring(e.start(), e.end())).isEqualTo("Azerbaijan"));
    }

    @Test
    void crimesAreNotCrimea() {
        // "Crimée" shared the stem of "crime": excluding the one left out French sentences on war crimes
        StatementText crimes = french("Les prisonniers arméniens ont subi des crimes de guerre à Bakou.");

        assertThat(matches("prisonniers NOT/s Crimée", crimes)).isTrue();
        assertThat(matches("prisonniers NOT/s Crimée", french("Des prisonniers ukrainiens en Crimée.")))
                .isFalse();
        assertThat(matches("crime", crimes))
                .as("the noun still takes its plural")
                .isTrue();
    }

    @Test
    void aliasesExpandAndEvidenceNamesTheAliasThatHit() {
        String body = "Price reminded Azerbaijan to treat all captives humanely. Nothing else.";

        List<Evidence> evidence = evidence("POWs", "Statement", body);

        assertThat(evidence).hasSize(1);
        Evidence hit = evidence.get(0);
        assertThat(hit.field()).isEqualTo("body");
        assertThat(body.substring(hit.start(), hit.end())).isEqualTo("captives").isEqualTo(hit.text());
        assertThat(hit.sentence()).isEqualTo("Price reminded Azerbaijan to treat all captives humanely.");
        assertThat(hit.clause()).isEqualTo("captives (alias of POWs)");

        // An inflection the alias matches by its stem names that alias too.
        Evidence stemmed =
                evidence("POWs", "Statement", "One captive was freed.").get(0);
        assertThat(stemmed.text()).isEqualTo("captive");
        assertThat(stemmed.clause()).isEqualTo("captives (alias of POWs)");
    }

    /**
     * A wildcard in an alias group stands for the same wildcard in a query: a topic writes
     * {@code Armenia*} once and also finds the French "Arménie" and the capital, where it used to repeat
     * {@code Armenia* OR Armén* OR Yerevan} in every clause.
     */
    @Test
    void aWildcardInAnAliasGroupStandsForThatWildcard() {
        Thesaurus armenia = new Thesaurus(List.of(List.of("Armenia*", "Arménie*", "Yerevan")));
        try (TopicMonitor monitor = new TopicMonitor()) {
            monitor.register("wildcard", compiler.compile("Armenia*", armenia));
            monitor.register("word", compiler.compile("Armenia", armenia));

            assertThat(monitor.matchingIds(french("Une délégation arménienne est arrivée.")))
                    .containsExactly("wildcard");
            assertThat(monitor.matchingIds(new StatementText("t", "Talks resumed in Yerevan.", "en", "s")))
                    .as("the word Armenia is not in the group: Yerevan is not its alias")
                    .containsExactly("wildcard");
            assertThat(monitor.matchingIds(new StatementText("t", "Armenia closed it.", "en", "s")))
                    .containsExactlyInAnyOrder("wildcard", "word");

            Match match = monitor.match(french("Une délégation arménienne est arrivée."))
                    .get(0);
            assertThat(match.evidence()).extracting(Evidence::clause).containsExactly("Arménie* (alias of Armenia*)");
        }
        assertThat(new NearMisses(compiler, "POWs AND Armenia*", armenia)
                        .of(new StatementText("t", "Talks in Yerevan.", "en", "s")))
                .satisfies(why -> {
                    assertThat(why.found()).extracting(Evidence::clause).containsExactly("Yerevan (alias of Armenia*)");
                    assertThat(why.missing()).containsExactly("POWs");
                });
        assertThatThrownBy(() -> compiler.compile("Armenia*", new Thesaurus(List.of(List.of("Armenia*", "Ar*")))))
                .isInstanceOf(QuerySyntaxException.class)
                .hasMessageContaining("the alias Ar* of Armenia*")
                .hasMessageContaining("at least 3 letters");
        for (String bad : List.of("South Cau*", "Armén**", "*")) {
            assertThatThrownBy(() -> compiler.compile("Armenia*", new Thesaurus(List.of(List.of("Armenia*", bad)))))
                    .as(bad)
                    .isInstanceOf(QuerySyntaxException.class)
                    .hasMessageContaining("the alias " + bad + " of Armenia*: a wildcard may only end a single word");
        }
    }

    /**
     * A query word that is in a group it does not name first stands for the whole group, under a NOT as
     * anywhere: the default border topic excluded "Karabakh" and, with it, every border district of its
     * group. The compiler lists such words for the topic editor.
     */
    @Test
    void aWordInAGroupItDoesNotNameStandsForTheGroupAndIsListed() {
        Thesaurus side = new Thesaurus(List.of(
                List.of("Azerbaijani side", "Baku", "Karabakh", "Tovuz", "Sadarak"),
                List.of("hostilities", "clashes", "fighting"),
                List.of("Armenia*", "Armén*")));
        String query = "fighting NEAR/s Armenia* NOT/s Karabakh";
        try (TopicMonitor monitor = new TopicMonitor()) {
            monitor.register("q", compiler.compile(query, side));
            assertThat(monitor.matchingIds(new StatementText(
                            "t", "Clashes between Armenian and Azerbaijani forces near Tovuz.", "en", "s")))
                    .as("Tovuz is in Karabakh's group: the NOT/s leaves it out")
                    .isEmpty();
            assertThat(monitor.matchingIds(
                            new StatementText("t", "Clashes on the border of Armenia's Tavush province.", "en", "s")))
                    .as("clashes are in fighting's group")
                    .containsExactly("q");
        }
        assertThat(compiler.standIns(query + " OR \"Azerbaijani side\" OR hostilities OR \"fighting words\"~3", side))
                .as("in the order written, under a NOT/s too; never a group's first term or a phrase with slop")
                .containsExactly(
                        new QueryCompiler.StandIn("fighting", List.of("hostilities", "clashes", "fighting")),
                        new QueryCompiler.StandIn(
                                "Karabakh", List.of("Azerbaijani side", "Baku", "Karabakh", "Tovuz", "Sadarak")));
        assertThat(compiler.standIns("armén* AND NOT Sadarak AND KARABAKH", side))
                .extracting(QueryCompiler.StandIn::written)
                .as("a wildcard member and words written in any case")
                .containsExactly("armén*", "Sadarak", "KARABAKH");
        assertThat(compiler.standIns("Armenia* NOT (title:hostilities NOT about:(Sadarak OR clashes))", side))
                .extracting(QueryCompiler.StandIn::written)
                .as("a NOT inside a NOT, under title: and about:")
                .containsExactly("Sadarak", "clashes");
        assertThat(compiler.standIns("Armenia* AND hostilities", side)).isEmpty();
    }

    @Test
    void aWordTheQueryExcludesTwiceIsOneExclusionWhereverItsAliasesAreCut() {
        // Two written words of one large group: each expands to all of it, so the alternatives run over
        // several chunks of the near-miss query and "Ukraine" falls in two of them.
        List<String> group = new ArrayList<>(List.of("Gaza", "Ukraine"));
        for (int i = 0; i < QueryCompiler.CLAUSES_PER_CHUNK; i++) {
            group.add("zq" + i + "conflict");
        }
        Thesaurus conflicts = new Thesaurus(List.of(List.of("POWs", "captives"), group));
        NearMisses.NearMiss missed = new NearMisses(
                        new QueryCompiler(QueryLimits.TOPICS), "POWs NOT (Ukraine OR Gaza)", conflicts)
                .of(new StatementText("t", "Free the captives of Ukraine.", "en", "s"));
        assertThat(missed.excluding()).extracting(Evidence::text).containsExactly("Ukraine");
        assertThat(missed.found()).extracting(Evidence::text).containsExactly("captives");
    }

    @Test
    void twoWrittenWordsOfOneGroupAreCompiledOnceForNearMisses() {
        // Each expands to the whole group: three alternatives, not six (one chunk or several, each word once)
        Thesaurus conflicts = new Thesaurus(List.of(List.of("Ukraine", "Gaza", "Sudan")));
        List<CompiledQuery> excluded =
                new QueryCompiler(QueryLimits.TOPICS).anyExcludedTermOf("POWs NOT (Ukraine OR Gaza)", conflicts);
        assertThat(excluded.stream().flatMap(q -> q.clauses().stream()).toList())
                .hasSize(3)
                .extracting(CompiledQuery.Clause::label)
                .doesNotHaveDuplicates();
    }

    /**
     * The matcher's index of a statement leaves out stems no registered query asks about: a query run
     * by Lucene (NEAR, a proximity of three words) and a NOT must still find theirs. Made-up words, so
     * that no other test's query has numbered their stems before.
     */
    @Test
    void stemsAskedForOnlyByNearLongerProximityOrNotAreKept() {
        assertThat(matches("zorblats NEAR/2 quintessas", "Two quintessa met a zorblat."))
                .isTrue();
        assertThat(matches("\"vexillas glimmer brightly\"~2", "The vexilla brightly glimmers."))
                .isTrue();
        assertThat(matches("Lachin NOT frobnicates", "Lachin was frobnicated.")).isFalse();
        assertThat(matches("Lachin NOT frobnicates", "Lachin was calm.")).isTrue();
    }

    @Test
    void aClauseContainedInALongerOneThatHitTheSameWordsIsNotNamedAgain() {
        // "Lachin corridor" holds the words of three clauses: the phrase names it, not the two words the
        // phrase contains; "Lachin" alone is its word's.
        List<Evidence> evidence =
                evidence("\"Lachin corridor\" OR corridor OR Lachin", "Road", "The Lachin corridor and Lachin.");

        assertThat(evidence).extracting(Evidence::text).containsExactly("Lachin corridor", "Lachin");
        assertThat(evidence).extracting(Evidence::clause).containsExactly("\"Lachin corridor\"", "Lachin");
    }

    @Test
    void phraseEvidenceSpansThePhraseInTitleAndBody() {
        String title = "Release the prisoners of war";
        String body = "First line.\nAzerbaijan should release all prisoners of war and other captives.";

        List<Evidence> evidence = evidence("\"prisoners of war\"", title, body);

        // The phrase is in the POWs alias group: "captives" is found too.
        assertThat(evidence).extracting(Evidence::field).containsExactly("title", "body", "body");
        assertThat(evidence)
                .extracting(Evidence::text)
                .containsExactly("prisoners of war", "prisoners of war", "captives");
        assertThat(evidence.get(2).clause()).isEqualTo("captives (alias of prisoners of war)");
        assertThat(evidence.get(0).text()).isEqualTo("prisoners of war");
        assertThat(title.substring(evidence.get(0).start(), evidence.get(0).end()))
                .isEqualTo("prisoners of war");
        assertThat(evidence.get(1).sentence())
                .isEqualTo("Azerbaijan should release all prisoners of war and other captives.");
        assertThat(evidence.get(1).clause()).isEqualTo("\"prisoners of war\"");
    }

    @Test
    void theSameOffsetsInTitleAndBodyAreTwoPiecesOfEvidence() {
        List<Evidence> evidence = evidence("border", "Border talks", "Border guards met. Nothing else.");

        assertThat(evidence).extracting(Evidence::field).containsExactly("title", "body");
        assertThat(evidence).extracting(Evidence::start).containsExactly(0, 0);
        assertThat(evidence).extracting(Evidence::sentence).containsExactly("Border talks", "Border guards met.");
    }

    @Test
    void aGroupOfNotsExcludesEachOfThem() {
        String query = "Lachin AND (NOT war AND NOT peace)";

        assertThat(matches(query, "The Lachin road was reopened.")).isTrue();
        assertThat(matches(query, "The Lachin road and the war.")).isFalse();
        assertThat(matches(query, "Peace along the Lachin road.")).isFalse();
    }

    @Test
    void excludedTermsGiveNoEvidence() {
        List<Evidence> evidence = evidence("border NOT Ukraine", "t", "The border with Armenia.");

        assertThat(evidence).extracting(Evidence::text).containsExactly("border");
    }

    @Test
    void onlyQueriesSharingATermAreMatchedAndRemovedOnesNeverAgain() {
        try (TopicMonitor monitor = new TopicMonitor()) {
            monitor.register("border", compiler.compile("border", Thesaurus.EMPTY));
            monitor.register("pows", compiler.compile("POWs", POWS));
            StatementText statement = new StatementText("t", "Detainees near the border.", "en", "s");

            assertThat(monitor.matchingIds(statement)).containsExactlyInAnyOrder("border", "pows");
            monitor.remove("border");
            assertThat(monitor.matchingIds(statement)).containsExactly("pows");
            assertThat(monitor.registered("border")).isEmpty();
            assertThat(monitor.registered("pows").orElseThrow().source()).isEqualTo("POWs");
        }
    }

    /** A reload registers every query again: only the changed ones are replaced, and matching follows. */
    @Test
    void registeringAgainReplacesOnlyChangedQueries() {
        Supplier<Map<String, CompiledQuery>> compileAll = () -> {
            Map<String, CompiledQuery> all = new LinkedHashMap<>();
            for (int i = 0; i < 500; i++) { // more than one chunk: the index is merged afterwards
                String village = "village" + i;
                String query = switch (i % 4) {
                    case 0 -> "border AND " + village;
                    case 1 -> "\"border " + village + "\"~3";
                    case 2 -> "bord* AND " + village;
                    default -> village + " OR \"border crossing " + village + "\"";
                };
                all.put("q" + i, compiler.compile(query, POWS));
            }
            return all;
        };
        StatementText statement = new StatementText("t", "The border at village17 and village3.", "en", "s");
        try (TopicMonitor monitor = new TopicMonitor()) {
            assertThat(monitor.register(compileAll.get())).isEqualTo(500);
            assertThat(monitor.matchingIds(statement)).containsExactlyInAnyOrder("q3", "q17");

            assertThat(monitor.register(compileAll.get()))
                    .as("compiled again, unchanged")
                    .isZero();
            Map<String, CompiledQuery> edited = compileAll.get();
            edited.put("q17", compiler.compile("border AND village400", Thesaurus.EMPTY));
            assertThat(monitor.register(edited)).isEqualTo(1);
            assertThat(monitor.matchingIds(statement)).containsExactly("q3");
            assertThat(monitor.size()).isEqualTo(500);
        }
    }

    @Test
    void nearRequiresTheTermsWithinTheDistanceInAnyOrder() {
        String query = "(border OR demarcation) NEAR/5 (Armenia* OR Azerbaijan)";

        assertThat(matches(query, "Shelling along the border with Armenia continued."))
                .isTrue();
        assertThat(matches(query, "Armenian villages were shelled across the border."))
                .isTrue();
        assertThat(
                        matches(
                                query,
                                "Armenia was discussed. Then, much later and at length, officials turned to the border with Mexico."))
                .isFalse();
    }

    @Test
    void nearMixesPhrasesWildcardsAndAliases() {
        assertThat(matches(
                        "\"prisoners of war\" NEAR/8 Azerbaijan*", "Azerbaijani forces still hold prisoners of war."))
                .isTrue();
        assertThat(matches("POWs NEAR/4 Baku", "the captives held in Baku")).isTrue();
        assertThat(matches("detain* NEAR/3 soldiers", "several Armenian soldiers were detained"))
                .isTrue();
        assertThat(matches("detain* NEAR/1 soldiers", "soldiers of Armenia were later detained"))
                .isFalse();
    }

    @Test
    void nearSKeepsItsSidesInOneSentence() {
        String query = "(border OR POWs) NEAR/s (Armenia* OR Azerbaijan*)";
        assertThat(matches(query, "Azerbaijan must stop fortifying the border it shares with Armenia."))
                .isTrue();
        assertThat(matches(
                        query,
                        "On Venezuela, we urge respect for the border. QUESTION: Will the envoy travel to Azerbaijan?"))
                .as("a border word in one sentence, Azerbaijan in the next")
                .isFalse();
        assertThat(matches("border NEAR/30 Azerbaijan*", "We urge respect for the border. Will he go to Azerbaijan?"))
                .as("NEAR/n still measures words across sentences")
                .isTrue();
        assertThat(matches(query, "Statement of Azerbaijan\n\nDetainees must go home."))
                .as("a paragraph ends a sentence")
                .isFalse();
        assertThat(matches(
                        query,
                        "The U.S. Department of State called on Azerbaijan, in a long sentence that goes on and on"
                                + " and names many things in turn, among them aid, trade, energy, transport and"
                                + " culture, to release all captives."))
                .as("any distance within a sentence; an abbreviation does not end it")
                .isTrue();
        StatementText french = french("La France appelle à la paix. Elle demande la libération des détenus arméniens.");
        assertThat(matches("(détenus OR POWs) NEAR/s Armén*", french)).isTrue();
        assertThat(matches("paix NEAR/s détenus", french)).isFalse();
    }

    @Test
    void notInSentenceExcludesOnlyTheSentenceThatHoldsTheExcludedWord() {
        String query = "border NEAR/s Azerbaijan* NOT/s (Iran* OR Georgia)";
        String documented = "negotiations NEAR/s Azerbaijan NOT/s (\"European Union\" OR France)";
        // query, body, whether it matches, why
        String[][] cases = {
            {query, "Azerbaijan and Iran opened a bridge at their common border.", "no", "another of its borders"},
            {query, "Azerbaijan must withdraw from the border. Iran called for calm.", "yes", "Iran in another sentence"
            },
            {
                query,
                "The border with Georgia is open, said Azerbaijan. Azerbaijan also fortifies the border with Armenia.",
                "yes",
                "one sentence with the excluded word, a second without it"
            },
            {
                query,
                "The border with Armenia is tense, Azerbaijan says, and its border with Georgia is open, and"
                        + " Azerbaijan trades with Iran.",
                "no",
                "every pair of the sentence is excluded, however far the excluded word"
            },
            {"(border NEAR/s Azerbaijan*) NOT/s Iran*", "Azerbaijan and Iran share a border.", "no", "NEAR in brackets"
            },
            {
                "POWs NEAR/s Armenia NOT/s Ukraine",
                "Armenia urges the release of captives.",
                "yes",
                "an alias in the NEAR"
            },
            {
                "Armenia NEAR/s Ukraine NOT/s POWs",
                "Armenia and Ukraine urge the release of captives.",
                "no",
                "an alias excluded"
            },
            {documented, "Azerbaijan and the European Union launched negotiations on a new agreement.", "no", "docs"},
            {
                documented,
                "Negotiations between Armenia and Azerbaijan resumed. The European Union welcomed them.",
                "yes",
                "docs"
            }
        };
        for (String[] c : cases) {
            assertThat(matches(c[0], c[1])).as(c[3]).isEqualTo(c[2].equals("yes"));
        }
        StatementText title =
                new StatementText("Azerbaijan and Iran open a border crossing", "Trade grows.", "en", "s");
        assertThat(matches(query, title)).as("a title is one sentence too").isFalse();
        StatementText french = french("L'Azerbaïdjan et l'Iran ouvrent la frontière. L'Arménie salue la frontière.");
        assertThat(matches("frontière NEAR/s Azerbaïdjan NOT/s Iran", french)).isFalse();
        assertThat(matches("frontière NEAR/s Arménie NOT/s Iran", french)).isTrue();
        assertThat(evidence(query, "t", "Iran is calm. Azerbaijan fortifies the border."))
                .extracting(Evidence::text)
                .containsExactly("border", "Azerbaijan");
    }

    @Test
    void notInSentenceAfterANearThatCrossesSentencesExcludesEachSentenceItTouches() {
        // The humanitarian topic's case: "displaced" near Karabakh, but not in a list of other crises.
        String query = "displaced NEAR/25 Karabakh NOT/s (Ukrain* OR Sudan)";
        String[][] cases = {
            {
                "Thousands of families were displaced overnight. They fled Nagorno-Karabakh with what they could carry.",
                "yes",
                "two sentences, neither names another crisis"
            },
            {
                "That includes millions of Ukrainians who have been displaced. It includes conflicts in Sudan and"
                        + " Nagorno-Karabakh.",
                "no",
                "the first sentence touched names Ukraine, the second Sudan"
            },
            {
                "Millions have been displaced by the war in Ukraine, in Sudan and in Nagorno-Karabakh.",
                "no",
                "one sentence listing crises"
            },
            {
                "Thousands of families were displaced overnight. They fled Nagorno-Karabakh. Sudan's war goes on too.",
                "yes",
                "the other crisis in a sentence the NEAR does not touch"
            },
        };
        for (String[] c : cases) {
            assertThat(matches(query, c[0])).as(c[2]).isEqualTo(c[1].equals("yes"));
        }
        assertThat(matches(
                        "(displaced NEAR/25/s Karabakh) NOT/s Sudan",
                        "Thousands of families were displaced overnight. They fled Nagorno-Karabakh."))
                .as("NEAR/25/s keeps the chain in one sentence, with or without NOT/s")
                .isFalse();
    }

    @Test
    void notInSentenceAfterOneWordOrPhraseRulesOutOnlyTheSentencesThatHoldTheExcludedWords() {
        // The peace-process topic's case: the peace named only as what a provocation undermines.
        String query = "(\"peace process\" OR \"peace talks\") NOT/s (undermin* OR threaten*)";
        assertThat(matches(query, "Azerbaijani units opened fire. Such provocations undermine the peace process."))
                .as("the only sentence with the peace process undermines it")
                .isFalse();
        assertThat(matches(
                        query, "Such provocations undermine the peace process. We urge a return to the peace talks."))
                .as("another sentence names the peace talks on their own")
                .isTrue();
        assertThat(matches(query, "The peace process. Provocations undermine trust."))
                .as("the excluded word in the next sentence")
                .isTrue();
        assertThat(matches(query, "The peace talks resumed.")).isTrue();
        assertThat(matches(
                        query,
                        new StatementText("Provocations undermine the peace process", "Shots were fired.", "en", "s")))
                .as("a title is one sentence")
                .isFalse();
        assertThat(evidence(query, "t", "Shots threaten lives. We urge a return to the peace talks."))
                .extracting(Evidence::text)
                .containsExactly("peace talks");
    }

    @Test
    void leadMatchesTheTitleAndTheFirstTwoSentencesOnly() {
        String query = "lead:(Armenia* OR Arménie) AND \"peace agreement\"";
        assertThat(matches(query, "Armenia and Azerbaijan have completed the peace agreement."))
                .isTrue();
        assertThat(matches(
                        query,
                        new StatementText(
                                "Armenia and Azerbaijan", "Both sides initialled the peace agreement.", "en", "s")))
                .as("the title is lead")
                .isTrue();
        assertThat(matches(
                        query, "The UK welcomes the exchange. Armenia has agreed to it. The peace agreement is near."))
                .as("the second sentence is lead")
                .isTrue();
        String briefing = "The Secretary met the Chancellor. They discussed Ukraine and trade. They also welcomed the"
                + " peace agreement between Armenia and Azerbaijan.";
        assertThat(matches(query, briefing))
                .as("a mention in the third sentence of a readout on something else")
                .isFalse();
        assertThat(matches("Armenia* AND \"peace agreement\"", briefing))
                .as("without lead:, anywhere")
                .isTrue();
        assertThat(matches("lead:(\"peace agreement\" NEAR/5 Armenia*)", briefing))
                .as("a NEAR in the lead")
                .isFalse();
        assertThat(matches(
                        "lead:(\"peace agreement\" NEAR/5 Armenia*)",
                        "They welcomed the peace agreement"
                                + " between Armenia and Azerbaijan. They also discussed trade. And Ukraine."))
                .isTrue();
        assertThat(matches("lead:(Armenia* NEAR/20 trade)", "Armenia signed. It was a good day. Then trade."))
                .as("a NEAR that reaches past the lead's end is not in the lead")
                .isFalse();
        StatementText french = french(
                "La France salue l'accord. Elle appelle à la paix. L'Arménie et l'Azerbaïdjan doivent conclure.");
        assertThat(matches("lead:Armén* AND paix", french)).isFalse();
        assertThat(matches("lead:paix AND Armén*", french)).isTrue();
    }

    @Test
    void aboutMatchesTheTitleTheFirstSentenceOrTwoSentencesNotAPassingMention() {
        String query = "about:(refugees OR displaced) AND Karabakh";
        String passing = "The EBRD is lending $20 million to an Armenian bank. It will finance small businesses,"
                + " including those run by refugees from Nagorno-Karabakh. It is the bank's tenth project.";
        assertThat(matches(query, passing))
                .as("one mention in the second sentence of a statement about something else")
                .isFalse();
        assertThat(matches("(refugees OR displaced) AND Karabakh", passing))
                .as("without about:, anywhere")
                .isTrue();
        assertThat(matches(query, "Refugees from Nagorno-Karabakh need housing. Rents are rising. Donors must act."))
                .as("the first sentence")
                .isTrue();
        assertThat(matches(
                        query,
                        new StatementText(
                                "Housing for refugees", "The Government approved a program for Karabakh.", "en", "s")))
                .as("the title")
                .isTrue();
        assertThat(matches(
                        query,
                        "Two years have passed. Many refugees from Karabakh still rent rooms. Families who were"
                                + " displaced need homes."))
                .as("two sentences, one word of the group in each")
                .isTrue();
        assertThat(matches(
                        query,
                        "Two years have passed. Many refugees from Karabakh still rent rooms, and refugees"
                                + " elsewhere too. The rest is trade."))
                .as("twice in one sentence is one sentence")
                .isFalse();
        assertThat(matches("about:(refugees NEAR/5 Karabakh)", passing)).isFalse();
        assertThat(matches(
                        "about:(refugees NEAR/5 Karabakh)",
                        "Aid arrived. Refugees from Karabakh received it. More refugees from Karabakh came."))
                .as("a NEAR in two sentences")
                .isTrue();
        StatementText french = french("La France aide l'Arménie. Elle finance des écoles pour les réfugiés du"
                + " Haut-Karabagh. Le reste concerne le commerce.");
        assertThat(matches("about:réfugiés AND Karabagh", french)).isFalse();
        assertThat(matches(
                        "about:réfugiés AND Karabagh",
                        french("Les réfugiés du Haut-Karabagh ont besoin d'aide. La France finance des écoles.")))
                .isTrue();
    }

    @Test
    void aboutEvidenceIsTheGroupsWordsAndAMissedAboutWordIsMissing() {
        String body = "Two years have passed. Many refugees from Karabakh still rent rooms. Displaced families wait.";
        List<Evidence> evidence = evidence("about:(refugees OR displaced) AND Karabakh", "Update", body);
        assertThat(evidence)
                .allSatisfy(e -> assertThat(body.substring(e.start(), e.end())).isEqualTo(e.text()))
                .extracting(Evidence::text)
                .containsExactlyInAnyOrder("refugees", "Displaced", "Karabakh");
        NearMisses.NearMiss passing = new NearMisses(compiler, "about:refugees AND Karabakh", POWS)
                .of(new StatementText("t", "Trade grew. Refugees from Karabakh found work. Prices fell.", "en", "s"));
        assertThat(passing.missing())
                .as("an about: word mentioned once, further down, does not make the statement about it")
                .containsExactly("refugees");
        assertThat(passing.found()).extracting(Evidence::clause).containsExactly("Karabakh");
    }

    @Test
    void focusDoesNotTakeAPassiveSupportAsACall() {
        String query = "focus:(refugees OR talks) AND Armenia AND Azerbaijan";
        String third = "Armenia and Azerbaijan reported their trade figures. Exports grew by four percent. ";
        assertThat(matches(query, third + "Private consumption was supported by the spending of the refugees."))
                .as("a passive: what supported the figure, not a call to support")
                .isFalse();
        assertThat(matches(query, third + "The talks on transit fees, supported by the EU, went on."))
                .as("the participle: the talks' sponsor, not a call")
                .isFalse();
        assertThat(matches(query, third + "The United States supported the talks and will support them again."))
                .as("an active support still is a call")
                .isTrue();
        assertThat(matches(query, third + "The talks, supported by the EU, must now resume, and we support them."))
                .as("a call in the sentence beside a passive")
                .isTrue();
        assertThat(matches(query, third + "The United States supports the refugees."))
                .isTrue();
    }

    @Test
    void focusTakesADemandAnAskAndAnAdvocateAsCalls() {
        String query = "focus:(prisoners OR prisonniers) AND Azerbaijan*";
        String lead = "Today we remember the fallen of the 2020 war. Their families still grieve. ";
        assertThat(matches(query, lead + "We demand that Azerbaijan release the Armenian prisoners."))
                .isTrue();
        assertThat(matches(query, lead + "We also ask that you raise the Armenian prisoners with Azerbaijan."))
                .isTrue();
        assertThat(matches(
                        query,
                        lead + "The United States will continue to advocate for the release of the prisoners"
                                + " held in Azerbaijan."))
                .isTrue();
        assertThat(matches(
                        "focus:prisonniers AND Azerbaïdjan*",
                        french("Nous honorons les soldats tombés en 2020. Leurs familles pleurent encore. Nous"
                                + " exigeons que l'Azerbaïdjan libère les prisonniers arméniens.")))
                .isTrue();
        assertThat(matches(
                        query,
                        lead + "The regime in Azerbaijan that hosts the conference still holds Armenian prisoners."))
                .as("a mention with no call word in the third sentence")
                .isFalse();
        assertThat(matches(query, lead + "Armenian advocacy groups recalled the prisoners held in Azerbaijan."))
                .as("advocacy is not a call to advocate")
                .isFalse();
    }

    @Test
    void focusAlsoTakesOneSentenceThatCallsForItNotAClause() {
        String query = "focus:(\"peace agreement\" OR talks) AND Armenia AND Azerbaijan";
        String call = "Azerbaijani units opened fire on Armenian positions overnight. Two soldiers were wounded."
                + " We urge Armenia and Azerbaijan to return to the talks on the peace agreement.";
        String clause = "Azerbaijani units opened fire on Armenian positions overnight. Two soldiers were wounded."
                + " Even as Baku talks about a peace agreement with Armenia, its army keeps digging in.";
        assertThat(matches(query, call)).as("one sentence that urges").isTrue();
        assertThat(matches(query, clause)).as("one sentence that only mentions").isFalse();
        assertThat(matches("about:(\"peace agreement\" OR talks) AND Armenia AND Azerbaijan", call))
                .as("about: alone does not take the call")
                .isFalse();
        assertThat(matches(
                        query,
                        "Talks between Armenia and Azerbaijan resumed in Geneva. The delegations discussed the"
                                + " border."))
                .as("what about: takes, focus: takes: the first sentence")
                .isTrue();
        assertThat(matches(
                        query,
                        "Fire was exchanged overnight. Armenia and Azerbaijan are far apart. The call for"
                                + " calm went unheard. The talks stalled."))
                .as("the call word and the group's word must share the sentence")
                .isFalse();
        assertThat(matches(
                        "focus:\"lasting peace\" AND Azerbaijan",
                        "Trade grew. Prices fell. We call on Azerbaijan to release the detainees as a gesture"
                                + " towards lasting peace."))
                .as("an approximation (docs/topics.md): a call about the detainees passes for the peace too")
                .isTrue();
        String french = "La France condamne les tirs sur Sotk. Deux soldats ont été blessés. Elle appelle"
                + " l'Arménie et l'Azerbaïdjan à conclure l'accord de paix.";
        assertThat(matches("focus:\"accord de paix\" AND Armén*", french(french)))
                .as("French call words, stemmed as a query's")
                .isTrue();
        assertThat(matches(
                        "focus:\"accord de paix\" AND Armén*",
                        french("La France condamne les tirs sur Sotk. Deux soldats ont été blessés. Alors que"
                                + " l'Arménie négocie un accord de paix, l'armée avance.")))
                .isFalse();
        assertThat(matches(
                        "focus:\"accord de paix\" AND Armén*",
                        french("La France condamne les tirs sur Sotk. Deux soldats ont été blessés. Le ministre,"
                                + " appelé à Erevan, y a évoqué l'accord de paix avec l'Arménie.")))
                .as("\"appelé\" (summoned) is not \"appelle\" (calls on)")
                .isFalse();
        assertThat(matches(
                        query,
                        "Azerbaijani units opened fire overnight. Two soldiers were wounded. Supporters of the"
                                + " peace agreement between Armenia and Azerbaijan marched in Yerevan."))
                .as("supporters are not a call to support")
                .isFalse();
        assertThat(matches(
                        query,
                        "Azerbaijani units opened fire overnight. Two soldiers were wounded. The United States"
                                + " supports the peace agreement between Armenia and Azerbaijan."))
                .as("a call to support still is")
                .isTrue();
        String third = "Azerbaijani units opened fire overnight. Two soldiers were wounded. ";
        assertThat(matches(
                        query,
                        third + "The stressful talks on the peace agreement between Armenia and Azerbaijan"
                                + " went on."))
                .as("stressful is not stressing")
                .isFalse();
        assertThat(matches(
                        query,
                        third + "The minister, promoted last week, discussed the peace agreement between"
                                + " Armenia and Azerbaijan."))
                .as("a promotion is not a call to promote")
                .isFalse();
        assertThat(matches(
                        query,
                        third + "The Secretary stressed that the peace agreement between Armenia and"
                                + " Azerbaijan is within reach."))
                .isTrue();
        assertThat(matches(
                        query,
                        third + "We will keep promoting the peace agreement between Armenia and" + " Azerbaijan."))
                .isTrue();

        List<Evidence> evidence = evidence(query, "Fire on the border", call);
        assertThat(evidence)
                .as("the call word is context, not evidence")
                .extracting(Evidence::text)
                .contains("talks", "Armenia", "Azerbaijan")
                .doesNotContain("urge");
        assertThat(evidence)
                .as("the sentence that matters")
                .filteredOn(e -> e.text().equals("talks"))
                .extracting(Evidence::sentence)
                .containsExactly("We urge Armenia and Azerbaijan to return to the talks on the peace agreement.");
        NearMisses.NearMiss missed =
                new NearMisses(compiler, query, POWS).of(new StatementText("Fire on the border", clause, "en", "s"));
        assertThat(missed.missing())
                .as("a focus: word that is only mentioned is missing, as for about:")
                .contains("\"peace agreement\"", "talks");
    }

    @Test
    void leadEvidenceAndDistancesAreThoseOfTheText() {
        String body = "Azerbaijan holds prisoners of war. They must go home. Baku denies it.";
        List<Evidence> evidence = evidence("lead:\"prisoners of war\" AND Baku", "Statement", body);
        assertThat(evidence)
                .allSatisfy(e -> assertThat(body.substring(e.start(), e.end())).isEqualTo(e.text()))
                .extracting(Evidence::text)
                .containsExactlyInAnyOrder("prisoners of war", "Baku");
        assertThat(matches("\"go home Baku\"~3", body))
                .as("the lead's end adds no distance: 'home' and 'Baku' are as far apart as before")
                .isTrue();
        assertThat(matches("home NEAR/1 Baku", body)).isTrue();
    }

    @Test
    void aSentenceBreakDoesNotMoveEvidenceOrBreakPhrasesWithinASentence() {
        String body = "The talks went on. Azerbaijan still holds prisoners of war in Baku. Nothing else.";
        List<Evidence> evidence = evidence("\"prisoners of war\" NEAR/s Baku", "Talks", body);

        assertThat(evidence).extracting(Evidence::text).containsExactly("prisoners of war", "Baku");
        assertThat(evidence)
                .allSatisfy(e -> assertThat(body.substring(e.start(), e.end())).isEqualTo(e.text()))
                .extracting(Evidence::sentence)
                .containsOnly("Azerbaijan still holds prisoners of war in Baku.");
        assertThat(matches("\"went on Azerbaijan\"", "The talks went on. Azerbaijan holds them."))
                .as("an exact phrase does not run across a sentence break")
                .isFalse();
        assertThat(matches("\"U.S. Department\"", "The U.S. Department of State spoke."))
                .isTrue();
    }

    @Test
    void aMissedStatementShowsWhichWordsOfTheQueryItHoldsAndWhichItLacks() {
        String query = "POWs NEAR/30/s (Armenia* OR Baku) NOT Ukraine";
        StatementText missed = new StatementText(
                "Statement", "The captives must go home. Azerbaijan says Baku will decide. Ukraine too.", "en", "s");
        assertThat(matches(query, missed)).isFalse();

        NearMisses.NearMiss why = new NearMisses(compiler, query, POWS).of(missed);

        assertThat(compiler.terms(query))
                .extracting(QueryCompiler.WrittenTerm::label)
                .containsExactly("POWs", "Armenia*", "Baku");
        assertThat(why.found())
                .extracting(Evidence::clause)
                .containsExactlyInAnyOrder("captives (alias of POWs)", "Baku");
        assertThat(why.found())
                .extracting(Evidence::sentence)
                .containsExactlyInAnyOrder("The captives must go home.", "Azerbaijan says Baku will decide.");
        assertThat(why.missing())
                .as("what the statement lacks; the excluded Ukraine is no near miss")
                .containsExactly("Armenia*");
        assertThat(why.excluding())
                .as("but it is shown as what may have ruled the statement out")
                .extracting(Evidence::clause, Evidence::sentence)
                .containsExactly(tuple("Ukraine", "Ukraine too."));
        NearMisses.NearMiss ruledOut = new NearMisses(compiler, "border NEAR/s Azerbaijan* NOT/s Iran*", POWS)
                .of(new StatementText("t", "Azerbaijan and Iran opened a bridge at their common border.", "en", "s"));
        assertThat(ruledOut.missing()).isEmpty();
        assertThat(ruledOut.excluding()).extracting(Evidence::clause).containsExactly("Iran*");
        NearMisses.NearMiss oneWord = new NearMisses(compiler, "\"peace process\" NOT/s undermin*", POWS)
                .of(new StatementText("t", "Such provocations undermine the peace process.", "en", "s"));
        assertThat(oneWord.missing())
                .as("NOT/s after one phrase: nothing lacking")
                .isEmpty();
        assertThat(oneWord.excluding())
                .extracting(Evidence::clause, Evidence::sentence)
                .containsExactly(tuple("undermin*", "Such provocations undermine the peace process."));
        assertThat(new NearMisses(compiler, "POWs NEAR/30/s Baku", POWS)
                        .of(missed)
                        .excluding())
                .as("a query that excludes nothing")
                .isEmpty();
        assertThat(new NearMisses(compiler, "(Armenia* OR Arm*) NEAR/3 border", POWS)
                        .of(new StatementText("t", "Armenia said so.", "en", "s"))
                        .missing())
                .as("two clauses named together on one word are both found")
                .containsExactly("border");
        // 40 words apart: the two Azerbaijan* fall in different chunks of the query's words
        String twice = "(POWs NEAR/s Azerbaijan*) OR "
                + armWords(40).replace(".", "").replace(" ", " OR ")
                + " OR (hostages NEAR/s Azerbaijan*)";
        assertThat(new NearMisses(compiler, twice, POWS).of(missed).found())
                .extracting(Evidence::clause)
                .as("a word written twice in the query is found once")
                .containsExactlyInAnyOrder("captives (alias of POWs)", "Azerbaijan*");
        NearMisses.NearMiss outsideLead = new NearMisses(compiler, "lead:Armenia* AND POWs", POWS)
                .of(new StatementText("t", "Talks resumed. Trade grew. Armenia asks for its captives.", "en", "s"));
        assertThat(outsideLead.missing())
                .as("a lead: word further down the body is not in the lead")
                .containsExactly("Armenia*");
        assertThat(outsideLead.found()).extracting(Evidence::clause).containsExactly("captives (alias of POWs)");
        // A query at the limits: 1,000 terms after its aliases, in two NEAR sides of 500 each (each
        // within Lucene's clause limit, their union far past it).
        List<List<String>> groups = new java.util.ArrayList<>();
        StringBuilder left = new StringBuilder();
        StringBuilder right = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            groups.add(List.of("la" + i, "lb" + i, "lc" + i, "ld" + i, "le" + i));
            groups.add(List.of("ra" + i, "rb" + i, "rc" + i, "rd" + i, "re" + i));
            left.append(i == 0 ? "" : " OR ").append("la").append(i);
            right.append(i == 0 ? "" : " OR ").append("ra").append(i);
        }
        String large = "(" + left + ") NEAR/5 (" + right + ")";
        Thesaurus many = new Thesaurus(groups);
        compiler.compile(large, many);
        NearMisses.NearMiss atLimits = new NearMisses(compiler, large, many)
                .of(new StatementText("t", "Only le7 is here, and rd99.", "en", "s"));
        assertThat(atLimits.found())
                .extracting(Evidence::clause)
                .contains("le7 (alias of la7)", "rd99 (alias of ra99)");
        assertThat(atLimits.missing()).hasSize(198).doesNotContain("la7", "ra99");
        // Excluded words count toward no total: two lists of 400 other countries, each within Lucene's
        // clause limit where the query uses it, are one saved topic; its near misses once asked Lucene
        // for all of them (800 words, in title and body) in one disjunction and failed (a 500 from the evaluate
        // endpoint).
        List<String> east = new java.util.ArrayList<>();
        List<String> west = new java.util.ArrayList<>();
        for (int i = 0; i < 400; i++) {
            east.add("east" + i);
            west.add("west" + i);
        }
        String excluding = "(POWs NEAR/s Azerbaijan* NOT/s east0) NOT title:west0";
        Thesaurus countries = new Thesaurus(List.of(List.of("POWs", "captives"), east, west));
        compiler.compile(excluding, countries);
        NearMisses.NearMiss ruledOutByAList = new NearMisses(compiler, excluding, countries)
                .of(new StatementText("west399", "Azerbaijan holds captives, and so does east399.", "en", "s"));
        assertThat(ruledOutByAList.missing()).isEmpty();
        // what a query excludes is bounded after its aliases too: 2,000 words, however it is written
        List<String> hundred = east.subList(0, 100);
        Thesaurus list = new Thesaurus(List.of(hundred));
        StringBuilder twenty = new StringBuilder("POWs");
        for (int i = 0; i < 20; i++) {
            twenty.append(" NOT east").append(i);
        }
        compiler.compile(twenty.toString(), list);
        assertThatThrownBy(() -> compiler.compile(twenty + " NOT east20", list))
                .isInstanceOf(QuerySyntaxException.class)
                .hasMessage("with its aliases the query excludes more than 2000 terms (after NOT and NOT/s)");
        assertThat(ruledOutByAList.excluding())
                .extracting(Evidence::clause)
                .containsExactlyInAnyOrder("east399 (alias of east0)", "west399 (alias of west0)");
    }

    @Test
    void aTopicMayExpandToTwiceTheTermsOfASubscription() {
        // four OR-groups of 51 words, each word in a group of 10: 510 terms after the aliases, each within
        // Lucene's clause limit; two of them side by side are 1,020 terms, all four 2,040
        List<List<String>> groups = new java.util.ArrayList<>();
        List<String> sides = new java.util.ArrayList<>();
        for (String side : List.of("a", "b", "c", "d")) {
            StringBuilder words = new StringBuilder();
            for (int i = 0; i <= 50; i++) {
                List<String> group = new java.util.ArrayList<>();
                for (int k = 0; k < 10; k++) {
                    group.add(side + i + "x" + k);
                }
                groups.add(group);
                words.append(i == 0 ? "" : " OR ").append(side).append(i).append("x0");
            }
            sides.add("(" + words + ")");
        }
        Thesaurus thesaurus = new Thesaurus(groups);
        String two = sides.get(0) + " NEAR/5 " + sides.get(1);
        assertThatThrownBy(() -> compiler.compile(two, thesaurus))
                .as("a subscription's query")
                .isInstanceOf(QuerySyntaxException.class)
                .hasMessage("with its aliases the query has more than 1000 terms");
        QueryCompiler topics = new QueryCompiler(QueryLimits.TOPICS);
        assertThat(topics.compile(two, thesaurus).clauses()).hasSize(1020);
        String four = two + " OR " + sides.get(2) + " NEAR/5 " + sides.get(3);
        assertThatThrownBy(() -> topics.compile(four, thesaurus))
                .as("a topic's")
                .isInstanceOf(QuerySyntaxException.class)
                .hasMessage("with its aliases the query has more than 2000 terms");
    }

    @Test
    void nearEvidenceNamesEachSide() {
        List<Evidence> evidence = evidence("POWs NEAR/6 Azerbaijan", "t", "Azerbaijan holds Armenian captives.");

        // The NEAR window is shown as its two sides, the subject first.
        assertThat(evidence).extracting(Evidence::clause).containsExactly("captives (alias of POWs)", "Azerbaijan");
        assertThat(evidence).extracting(Evidence::text).containsExactly("captives", "Azerbaijan");
    }

    /**
     * The subject is the first clause of every branch, not the first words written: in "(A AND x) OR
     * (B AND x)" a statement matched by its second branch shows B first, not the x the first branch
     * needs as context (Section 907 matched with a title naming Azerbaijan showed "Azerbaijan*" and the
     * title, not the Section 907 sentence); in a NEAR the first side is the subject, the others context.
     */
    @Test
    void evidenceShowsTheSubjectOfTheBranchThatMatchedBeforeItsContext() {
        String query = "(\"FREEDOM Support Act\" AND Azerbaijan*) OR (\"Section 907\" AND Azerbaijan*)"
                + " OR (assistance NEAR/s waiver NEAR/s Azerbaijan*)";

        List<Evidence> section =
                evidence(query, "Azerbaijan: the annual report", "The report recalls that Section 907 still applies.");
        assertThat(section.get(0).clause()).isEqualTo("\"Section 907\"");
        assertThat(section.get(0).sentence()).isEqualTo("The report recalls that Section 907 still applies.");

        List<Evidence> near = evidence(query, "Azerbaijan", "The waiver of assistance to Azerbaijan ends.");
        assertThat(near.get(0).clause()).startsWith("assistance");

        CompiledQuery compiled = compiler.compile(query + " NOT title:Kyrgyzstan", POWS);
        assertThat(compiled.isSubject("\"Section 907\"")).isTrue();
        assertThat(compiled.isSubject("assistance + waiver")).isTrue();
        assertThat(compiled.isSubject("Azerbaijan*")).isFalse();
        assertThat(compiled.isSubject("waiver")).isFalse();
        assertThat(compiled.isSubject("Kyrgyzstan")).isFalse();
    }

    @Test
    void nearInsideTitleScopeOnlyLooksAtTheTitle() {
        StatementText statement =
                new StatementText("Border talks with Armenia", "The border with Azerbaijan.", "en", "s");

        assertThat(matches("title:(border NEAR/3 Armenia)", statement)).isTrue();
        assertThat(matches("title:(border NEAR/3 Azerbaijan)", statement)).isFalse();
    }

    /**
     * The Monitor runs candidates without rewriting them (only queries with a wildcard are rewritten)
     * and keeps disjunctions whole; every query must still match exactly the statements that Lucene's
     * own search finds for it, in English and in French statements.
     */
    /** {@code count} distinct words beginning with "arm": armaa, armab, ... */
    private static String armWords(int count) {
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < count; i++) {
            words.append("arm")
                    .append((char) ('a' + i / 26))
                    .append((char) ('a' + i % 26))
                    .append(' ');
        }
        return words.toString().strip() + ".";
    }

    @Test
    void aQueryOfManyWildcardsMatchesAStatementOfManyWordsWithTheirPrefix() {
        // 20 wildcards of 64 words each here: 1,300 terms once rewritten, past Lucene's limit of 1,024
        // for one search; a topic must not fail on exactly the statement that holds many such words.
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            query.append(i == 0 ? "" : " OR ")
                    .append("(arm* NEAR/s w")
                    .append(i)
                    .append(')');
        }
        StatementText statement = new StatementText("t", armWords(64).replace(".", " w7."), "en", "s");

        assertThat(matches(query.toString(), statement)).isTrue();
        assertThat(TopicMonitor.evidenceOf(compiler.compile(query.toString(), POWS), statement))
                .as("the backtest and the dry run")
                .hasValueSatisfying(evidence -> assertThat(evidence).isNotEmpty());
    }

    @Test
    void monitorAgreesWithLuceneSearchForEveryKindOfQuery() throws Exception {
        List<String> queries = List.of(
                "prisoners",
                "\"prisoners of war\"",
                "\"release detainees\"~4",
                // Reversed, "detainees" two words after "release": within 3, not within 2 (Lucene's rule).
                "\"detainees release\"~3",
                "\"detainees release\"~2",
                "\"release all detainees\"~3",
                "detain* AND Azerbaijan",
                "(Armenia OR Azerbaijan) NOT hostages",
                "title:border OR body:\"Lachin corridor\"",
                "border NEAR/5 (fortif* OR \"military positions\")",
                "(border OR ceasefire) NEAR/s (Azerbaijan OR OSCE OR hostages)",
                "(frontière OR prisonniers) NEAR/s Armén*",
                "lead:(Azerbaijan OR Ceasefire OR libération) AND (border OR prisonniers)",
                "lead:(hostages NEAR/s released) OR lead:\"Lachin corridor\"",
                "about:(border OR prisonniers OR hostag*) AND (Azerbaijan OR Armén*)",
                "about:(ceasefire NEAR/5 OSCE) OR about:\"Lachin corridor\"",
                "focus:(border OR prisonniers) AND (Azerbaijan OR Armén*)",
                "(border OR prisonniers) NEAR/s (Azerbaijan OR Armén*) NOT/s (Iran OR detainees OR \"Lachin corridor\")",
                "lead:(ceasefire NEAR/s OSCE NOT/s Hostag*)",
                "POWs AND (release OR return)",
                "Karabakh OR Stepanakert OR Khankendi",
                "language:fr AND frontière",
                "source:osce AND ceasefire",
                "\"Section 907\" NOT Georgia",
                "((Arm* AND border) OR (prisonniers AND libération)) NOT title:Ukraine",
                "Co-Chair OR U.S.",
                "\"war and war\" OR \"of war\"",
                "title:(Azerbaijan OR Ukraine) AND body:release",
                "(ceasefire AND OSCE) OR (hostages AND Gaza)",
                "arm*");
        List<StatementText> statements = List.of(
                new StatementText(
                        "Azerbaijan must release Armenian prisoners of war",
                        "We urge Azerbaijan to release all detainees and to stop fortifying the undemarcated"
                                + " border near military positions. Traffic through the Lachin corridor resumed.",
                        "en",
                        "state-department"),
                new StatementText(
                        "Ceasefire along the border",
                        "The OSCE welcomed the ceasefire. Hostages were released in another region.",
                        "en",
                        "osce"),
                new StatementText(
                        "Libération des prisonniers",
                        "La France salue la libération des prisonniers arméniens et appelle au respect de la"
                                + " frontière entre l'Arménie et l'Azerbaïdjan.",
                        "fr",
                        "france-diplomatie"),
                new StatementText(
                        "Ukraine: prisoner exchange",
                        "Russia and Ukraine exchanged prisoners of war; Section 907 was not discussed.",
                        "en",
                        "white-house"),
                // More words with one prefix than a wildcard may expand to: the first 64, as Lucene keeps.
                new StatementText("Weapons list", armWords(70), "en", null),
                new StatementText(
                        "The U.S. Co-Chair on war",
                        "War and war again: the U.S. Co-Chair spoke of war, of war and war, and of the release"
                                + " of prisoners of war and detainees.\nThe OSCE Co-Chairs met.",
                        "en",
                        null),
                // focus: by a call in the third sentence, and a mention in the third sentence it leaves out
                new StatementText(
                        "Trade figures",
                        "Trade grew by ten percent. Exports of brandy rose. We call on Armenia and Azerbaijan to"
                                + " open the border.",
                        "en",
                        null),
                new StatementText(
                        "Trade figures",
                        "Trade grew by ten percent. Exports of brandy rose. The border with Azerbaijan stayed closed.",
                        "en",
                        null));
        try (TopicMonitor monitor = new TopicMonitor();
                TopicMonitor lucene = new TopicMonitor(Map.of(), false)) {
            Map<String, CompiledQuery> compiled = new LinkedHashMap<>();
            for (int i = 0; i < queries.size(); i++) {
                compiled.put("q" + i, compiler.compile(queries.get(i), POWS));
            }
            assertThat(compiled.values().stream().filter(c -> DirectPlan.of(c.query(), new TermIds()) != null))
                    .as("queries run by a direct plan, and queries run as Lucene queries")
                    .hasSizeBetween(8, compiled.size() - 2);
            monitor.register(compiled);
            lucene.register(compiled);
            int agreedMatches = 0;
            for (StatementText statement : statements) {
                var index = MemoryIndex.fromDocument(
                        TopicMonitor.document(statement), TopicMonitor.analyzer(statement), true, false);
                var searcher = index.createSearcher();
                Set<String> expected = new TreeSet<>();
                for (var entry : compiled.entrySet()) {
                    if (searcher.count(entry.getValue().query()) > 0) {
                        expected.add(entry.getKey());
                    }
                }
                Map<String, List<Evidence>> evidence = new TreeMap<>();
                monitor.match(statement).forEach(m -> evidence.put(m.queryId(), m.evidence()));
                assertThat(new TreeSet<>(monitor.matchingIds(statement)))
                        .as(statement.title())
                        .isEqualTo(expected)
                        .isEqualTo(evidence.keySet());
                // Words, phrases and booleans run by their direct plan: the same evidence as Lucene's own
                // Matches give, through the Monitor and through a backtest.
                Map<String, List<Evidence>> reference = new TreeMap<>();
                lucene.match(statement).forEach(m -> reference.put(m.queryId(), m.evidence()));
                assertThat(evidence).as(statement.title()).isEqualTo(reference);
                evidence.forEach((id, found) -> assertThat(TopicMonitor.evidenceOf(compiled.get(id), statement))
                        .as(id + " " + statement.title())
                        .contains(found));
                agreedMatches += expected.size();
            }
            assertThat(agreedMatches).as("the statements exercise most queries").isGreaterThan(10);
            List<Evidence> expanded = monitor.match(statements.get(4)).stream()
                    .filter(m -> m.queryId().equals("q" + (queries.size() - 1)))
                    .findFirst()
                    .orElseThrow()
                    .evidence();
            assertThat(expanded)
                    .as("a wildcard expands to at most 64 words of a statement")
                    .hasSize(QueryLimits.SUBSCRIPTIONS.maxPrefixExpansion());
        }
    }
}
