package org.advocacyalerts.matcher;

import java.util.List;

/** The parsed form of a topic or subscription query, before analysis. */
public sealed interface QueryNode {

    /** Where a term may match: the statement's text, or one of its keyword fields. */
    enum Scope {
        TEXT,
        TITLE,
        BODY,
        /** The title, or the body's first sentences ({@link SentenceMarkFilter#LEAD_SENTENCES}). */
        LEAD,
        SOURCE,
        LANGUAGE
    }

    /** A word: matched with stemming ("detainees" also finds "detainee"). */
    record Word(String text, Scope scope, int position) implements QueryNode {}

    /** An exact phrase, or with {@code slop} > 0 words within that distance of each other (stemmed). */
    record Phrase(String text, int slop, Scope scope, int position) implements QueryNode {}

    /** A trailing wildcard: words that begin with {@code prefix}. */
    record Prefix(String prefix, Scope scope, int position) implements QueryNode {}

    record And(List<QueryNode> clauses) implements QueryNode {}

    record Or(List<QueryNode> clauses) implements QueryNode {}

    record Not(QueryNode clause) implements QueryNode {}

    /**
     * Every clause within {@code distance} words of the others, in any order ({@code a NEAR/10 b}); with
     * {@code sentence}, also within one sentence ({@code a NEAR/s b}: {@code distance} is then
     * {@link #SENTENCE_WORDS} unless a numeric distance was also written in the chain). With
     * {@code unless} ({@code a NEAR/s b NOT/s c}), that sentence (or, without {@code sentence}, each sentence
     * the clauses lie in) holds none of its words: null for none. With {@code unlisted} ({@code a NEAR/s b
     * NOT/list}), the first clause does not stand as an item of a list ({@link ListItems}).
     */
    record Near(List<QueryNode> clauses, int distance, boolean sentence, QueryNode unless, boolean unlisted)
            implements QueryNode {
        /** How far apart two words of one sentence may be: as far as sentences go. */
        static final int SENTENCE_WORDS = 1000;

        Near(List<QueryNode> clauses, int distance, boolean sentence) {
            this(clauses, distance, sentence, null, false);
        }

        Near(List<QueryNode> clauses, int distance, boolean sentence, QueryNode unless) {
            this(clauses, distance, sentence, unless, false);
        }
    }

    /**
     * {@code about:(…)}: the statement is about these words, not a passing mention: they are in its title,
     * in its body's first sentence, or in two sentences of its body or more. {@code inner} holds words,
     * phrases, wildcards, OR and NEAR (scoped to the whole text); as a group, so {@code about:(a OR b)}
     * also holds with {@code a} in one sentence and {@code b} in another. With {@code calls} ({@code
     * focus:(…)}) also in one sentence that calls for something ({@link CallWords}): "We urge both sides
     * to sign the peace agreement" counts, "Even as Baku talks about peace, its army digs in" does not.
     */
    record About(QueryNode inner, int position, boolean calls) implements QueryNode {

        /** The prefix as written: {@code about:} or {@code focus:}. */
        String field() {
            return field(calls);
        }

        static String field(boolean calls) {
            return calls ? "focus:" : "about:";
        }
    }

    /**
     * Never parsed: what a near miss shows of a {@code NOT/list} chain, the words of its first side where
     * they stand as an item of a list ({@link ListItems}), which the chain left out.
     */
    record Listed(QueryNode inner) implements QueryNode {}

    /** One term of an alias group in place of the term the query named; {@code alias} is the group's term that was written. */
    record Alias(String written, QueryNode expansion) implements QueryNode {}
}
