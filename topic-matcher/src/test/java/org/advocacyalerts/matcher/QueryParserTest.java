package org.advocacyalerts.matcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import org.junit.jupiter.api.Test;

class QueryParserTest {

    private static QueryNode parse(String query) {
        return QueryParser.parse(query, QueryLimits.SUBSCRIPTIONS);
    }

    private static QuerySyntaxException error(String query) {
        try {
            parse(query);
        } catch (QuerySyntaxException e) {
            return e;
        }
        throw new AssertionError("accepted: " + query);
    }

    @Test
    void wordsSideBySideMeanAnd() {
        assertThat(parse("release prisoners")).isInstanceOf(QueryNode.And.class);
    }

    @Test
    void orBindsLooserThanAnd() {
        QueryNode node = parse("a b OR c");

        assertThat(node).isInstanceOf(QueryNode.Or.class);
        assertThat(((QueryNode.Or) node).clauses().get(0)).isInstanceOf(QueryNode.And.class);
    }

    @Test
    void phraseWithDistanceWildcardAndFieldScopes() {
        QueryNode node = parse("\"release detainees\"~5 title:detain* source:state-department language:fr");

        assertThat(node.toString())
                .contains("Phrase[text=release detainees, slop=5, scope=TEXT")
                .contains("Prefix[prefix=detain, scope=TITLE")
                .contains("Word[text=state-department, scope=SOURCE")
                .contains("Word[text=fr, scope=LANGUAGE");
    }

    @Test
    void lowercaseOperatorsAreWords() {
        assertThat(parse("war and peace").toString()).contains("Word[text=and");
    }

    @Test
    void unbalancedQuoteNamesItsPosition() {
        QuerySyntaxException e = error("border AND \"prisoners of war");

        assertThat(e.position()).isEqualTo(11);
        assertThat(e.getMessage()).contains("phrase is not closed");
    }

    @Test
    void unbalancedParenthesesAreReported() {
        assertThat(error("(border OR frontier").getMessage()).contains("'(' is not closed");
        assertThat(error("border)").getMessage()).contains("no matching '('");
        assertThat(error("()").getMessage()).contains("before this ')'");
    }

    @Test
    void loneOrLeadingWildcardIsRejected() {
        assertThat(error("*").getMessage()).contains("wildcard may only end a word");
        assertThat(error("*tain").getMessage()).contains("wildcard may only end a word");
        assertThat(error("de*").getMessage()).contains("at least 3 letters");
        assertThat(error("de*tain").getMessage()).contains("wildcard may only end a word");
    }

    @Test
    void deepNestingIsRejected() {
        String deep = "(".repeat(50) + "border" + ")".repeat(50);

        assertThat(error(deep).getMessage()).contains("nested more than 10 deep");
    }

    @Test
    void tenThousandClausesAreRejected() {
        String huge = String.join(" OR ", Collections.nCopies(10_000, "border"));

        assertThat(error(huge).getMessage()).contains("longer than 2000 characters");
        String many = String.join(" OR ", Collections.nCopies(201, "ab"));
        assertThat(many.length()).isLessThan(2000);
        assertThat(error(many).getMessage()).contains("more than 200 words and phrases");
    }

    @Test
    void megabyteQueryIsRejectedBeforeParsing() {
        QuerySyntaxException e = error("a".repeat(1_000_000));

        assertThat(e.getMessage()).contains("longer than 2000 characters");
    }

    @Test
    void controlCharactersAreRejected() {
        QuerySyntaxException e = error("border\u0000prisoners");

        assertThat(e.position()).isEqualTo(6);
        assertThat(e.getMessage()).contains("control characters");
    }

    @Test
    void onlyNegativeQueriesAreRejected() {
        assertThat(error("NOT border").getMessage()).contains("only excludes");
        assertThat(error("border OR NOT ukraine").getMessage()).contains("only excludes");
        assertThat(parse("border NOT ukraine")).isInstanceOf(QueryNode.And.class);
    }

    @Test
    void unknownFieldAndDanglingOperatorAreExplained() {
        assertThat(error("author:price").getMessage()).contains("unknown field 'author'");
        assertThat(error("border AND").getMessage()).contains("query ends");
        assertThat(error("source:\"state department\"").getMessage()).contains("single id");
        assertThat(error("\"\"").getMessage()).contains("no words");
        assertThat(error("border~").getMessage()).contains("unexpected '~'");
    }

    @Test
    void emptyQueryIsRejected() {
        assertThat(error("   ").getMessage()).isEqualTo("the query is empty");
    }

    @Test
    void nearTakesADistanceAndOnlySpannableSides() {
        assertThat(parse("border NEAR/5 Armenia").toString()).contains("Near[").contains("distance=5");
        assertThat(parse("border NEAR Armenia").toString()).contains("distance=10");
        assertThat(error("border NEAR/0 Armenia").getMessage()).contains("from 1 to 50");
        assertThat(error("border NEAR/ Armenia").getMessage()).contains("distance in words");
        assertThat(error("(a AND b) NEAR/3 c").getMessage()).contains("not AND or NOT");
        assertThat(error("title:border NEAR/3 c").getMessage()).contains("field scopes cannot be used inside NEAR");
    }

    @Test
    void leadIsAFieldScopeLikeTheOthers() {
        assertThat(parse("lead:Armenia")).isEqualTo(new QueryNode.Word("Armenia", QueryNode.Scope.LEAD, 5));
        QueryNode.Near near = (QueryNode.Near) parse("lead:(peace NEAR/s Armenia)");
        assertThat(near.clauses())
                .allSatisfy(c -> assertThat(((QueryNode.Word) c).scope()).isEqualTo(QueryNode.Scope.LEAD));
        assertThat(error("lead:(title:peace)").getMessage()).contains("inside another field");
        assertThat(error("headline:peace").getMessage()).contains("lead:");
    }

    @Test
    void aboutHoldsAGroupOfWordsPhrasesWildcardsOrAndNear() {
        QueryNode.About about = (QueryNode.About) parse("about:(refugees OR \"Lachin corridor\" OR displac*)");
        assertThat(about.position()).isZero();
        assertThat(((QueryNode.Or) about.inner()).clauses()).hasSize(3);
        assertThat(parse("about:Karabakh"))
                .isEqualTo(new QueryNode.About(new QueryNode.Word("Karabakh", QueryNode.Scope.TEXT, 6), 0, false));
        assertThat(parse("about:(refugees NEAR/5 Karabakh)")).isInstanceOf(QueryNode.About.class);
        assertThat(parse("about:refugees AND Karabakh")).isInstanceOf(QueryNode.And.class);
        assertThat(parse("focus:Karabakh"))
                .isEqualTo(new QueryNode.About(new QueryNode.Word("Karabakh", QueryNode.Scope.TEXT, 6), 0, true));
        assertThat(error("focus:(refugees AND Karabakh)").getMessage()).contains("focus: takes words");
        assertThat(error("focus:refugees NEAR Karabakh").getMessage()).contains("focus: cannot be a side of NEAR");
        assertThat(error("focus: refugees").getMessage()).contains("'focus:' must be followed directly");
        assertThat(error("about:(refugees AND Karabakh)").getMessage()).contains("not AND or NOT");
        assertThat(error("about:(refugees NOT Gaza)").getMessage()).contains("not AND or NOT");
        assertThat(error("about:(title:refugees)").getMessage()).contains("inside another field");
        assertThat(error("lead:(about:refugees)").getMessage()).contains("inside another field");
        assertThat(error("about:(about:refugees)").getMessage()).contains("inside another field");
        assertThat(error("about:refugees NEAR/5 Karabakh").getMessage()).contains("about:(a NEAR b)");
        assertThat(error("about: refugees").getMessage()).contains("followed directly");
        assertThat(error("headline:peace").getMessage()).contains("about:");
    }

    @Test
    void nearSKeepsTheChainInOneSentence() {
        QueryNode.Near near = (QueryNode.Near) parse("border NEAR/s (Armenia OR Azerbaijan)");
        assertThat(near.sentence()).isTrue();
        assertThat(near.distance()).isEqualTo(QueryNode.Near.SENTENCE_WORDS);
        QueryNode.Near both = (QueryNode.Near) parse("border NEAR/s Armenia NEAR/20 shelling");
        assertThat(both.sentence()).isTrue();
        assertThat(both.distance())
                .as("a number written in the chain still bounds it")
                .isEqualTo(20);
        assertThat(((QueryNode.Near) parse("border NEAR/5 Armenia")).sentence()).isFalse();
        QueryNode.Near bounded = (QueryNode.Near) parse("border NEAR/30/s Armenia");
        assertThat(bounded.sentence()).isTrue();
        assertThat(bounded.distance()).isEqualTo(30);
        assertThat(error("border NEAR/30/sx Armenia").getMessage()).contains("NEAR/n/s");
        assertThat(error("border NEAR/sentence Armenia").getMessage()).contains("NEAR/s");
        assertThat(error("border NEAR/x Armenia").getMessage()).contains("or s for one sentence");
    }

    @Test
    void notInSentenceEndsANearChainOrFollowsOneWordAndLeavesItsScopeAsWritten() {
        QueryNode.Near near = (QueryNode.Near) parse("border NEAR/s Armenia NOT/s (Iran OR Georgia)");
        assertThat(near.clauses()).hasSize(2);
        assertThat(near.sentence()).isTrue();
        assertThat(((QueryNode.Or) near.unless()).clauses()).hasSize(2);
        String grouped = "(border NEAR/5 Armenia) NOT/s Iran";
        QueryNode.Near bounded = (QueryNode.Near) parse(grouped);
        assertThat(bounded.sentence())
                .as("NEAR/5 may cross a sentence end; NOT/s then excludes each sentence it touches")
                .isFalse();
        assertThat(((QueryNode.Near) parse("(border NEAR/5/s Armenia) NOT/s Iran")).sentence())
                .isTrue();
        assertThat(((QueryNode.Near) parse("border NEAR/5 Armenia NOT/s Iran")).sentence())
                .isFalse();
        assertThat(bounded.distance()).isEqualTo(5);
        assertThat(bounded.unless())
                .isEqualTo(new QueryNode.Word("Iran", QueryNode.Scope.TEXT, grouped.indexOf("Iran")));
        assertThat(parse("border NEAR/s Armenia NOT/s Iran AND peace")).isInstanceOf(QueryNode.And.class);
        assertThat(parse("border NEAR/s Armenia NOT Iran").toString())
                .as("NOT alone still excludes from the whole statement")
                .startsWith("And[");
        QueryNode.Near single = (QueryNode.Near) parse("border NOT/s (Iran OR Georgia)");
        assertThat(single.clauses())
                .as("a chain of one: border in a sentence without Iran or Georgia")
                .containsExactly(new QueryNode.Word("border", QueryNode.Scope.TEXT, 0));
        assertThat(single.sentence()).isTrue();
        assertThat(((QueryNode.Or) single.unless()).clauses()).hasSize(2);
        assertThat(((QueryNode.Near) parse("(\"peace process\" OR treaty) NOT/s undermin*")).clauses())
                .hasSize(1);
        assertThat(error("NOT/s Iran").getMessage()).contains("follows a word or a NEAR chain");
        assertThat(error("(border AND peace) NOT/s Iran").getMessage()).contains("not AND or NOT");
        assertThat(error("NOT border NOT/s Iran").getMessage()).contains("not AND or NOT");
        assertThat(error("title:border NOT/s Iran").getMessage()).contains("field scopes");
        assertThat(error("(border NEAR/s Armenia NOT/s Iran) NOT/s Georgia").getMessage())
                .contains("put every NEAR before it");
        assertThat(error("border NEAR/s Armenia NOT/s Iran NEAR/s peace").getMessage())
                .contains("put every NEAR before it");
        assertThat(error("border NEAR/s Armenia NOT/s (Iran AND Georgia)").getMessage())
                .contains("NOT/s takes words");
        assertThat(error("border NEAR/s Armenia NOT/s title:Iran").getMessage()).contains("field scopes");
        QueryNode.Near lead = (QueryNode.Near) parse("lead:(border NEAR/s Armenia NOT/s Iran)");
        assertThat(((QueryNode.Word) lead.unless()).scope()).isEqualTo(QueryNode.Scope.LEAD);
    }

    @Test
    void notListedEndsTheChainAfterAnyNotInSentence() {
        QueryNode.Near near = (QueryNode.Near) parse("detainees NEAR/s Armenia* NOT/s Ukraine NOT/list");
        assertThat(near.unlisted()).isTrue();
        assertThat(near.clauses()).hasSize(2);
        assertThat(near.unless()).isInstanceOf(QueryNode.Word.class);
        QueryNode.Near single = (QueryNode.Near) parse("(detainees OR POWs) NOT/list");
        assertThat(single.clauses()).as("a chain of one").hasSize(1);
        assertThat(single.unlisted()).isTrue();
        assertThat(((QueryNode.Near) parse("(detainees NEAR/s Armenia*) NOT/list")).unlisted())
                .isTrue();
        assertThat(((QueryNode.Near) parse("detainees NEAR/s Armenia*")).unlisted())
                .isFalse();
        assertThat(parse("detainees NOT/list AND Baku")).isInstanceOf(QueryNode.And.class);
        assertThat(error("detainees NOT/list NOT/s Ukraine").getMessage()).contains("after any NOT/s");
        assertThat(error("detainees NOT/list NEAR/s Armenia").getMessage()).contains("after any NOT/s");
        assertThat(error("(detainees AND Baku) NOT/list").getMessage()).contains("not AND or NOT");
    }
}
