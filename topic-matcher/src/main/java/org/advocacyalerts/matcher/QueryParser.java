package org.advocacyalerts.matcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.advocacyalerts.matcher.QueryNode.Scope;

/**
 * Parses the topic query language: words, "exact phrases", {@code "two words"~5} (within five words),
 * trailing wildcards ({@code detain*}), {@code AND} / {@code OR} / {@code NOT} (upper case; words side
 * by side mean AND), parentheses, and field scopes {@code title:}, {@code body:}, {@code lead:} (the
 * title or the body's first two sentences), {@code about:} (the title, the body's first sentence, or two
 * of its sentences), {@code source:}, {@code language:}. Every error names its
 * position. Not thread-safe: one parser per call.
 */
public final class QueryParser {

    private static final String WORD_PUNCTUATION = ".'’-_&/";

    /** NEAR without a distance: about a sentence. */
    static final int DEFAULT_NEAR = 10;

    static final int MAX_NEAR = 50;

    private final QueryLimits limits;
    private String text;
    private int pos;
    private int depth;
    private int clauses;
    private boolean inAbout;

    public QueryParser(QueryLimits limits) {
        this.limits = limits;
    }

    public static QueryNode parse(String query, QueryLimits limits) {
        return new QueryParser(limits).parse(query);
    }

    public QueryNode parse(String query) {
        if (query == null || query.isBlank()) {
            throw new QuerySyntaxException(0, "the query is empty");
        }
        if (query.length() > limits.maxLength()) {
            throw new QuerySyntaxException(
                    limits.maxLength(), "the query is longer than " + limits.maxLength() + " characters");
        }
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                throw new QuerySyntaxException(i, "control characters are not allowed in a query");
            }
        }
        text = query;
        pos = 0;
        depth = 0;
        clauses = 0;
        inAbout = false;
        QueryNode node = parseOr(Scope.TEXT);
        skipSpace();
        if (pos < text.length()) {
            throw new QuerySyntaxException(
                    pos,
                    text.charAt(pos) == ')' ? "this ')' has no matching '('" : "unexpected '" + text.charAt(pos) + "'");
        }
        requirePositive(node, 0);
        return node;
    }

    private QueryNode parseOr(Scope scope) {
        List<QueryNode> alternatives = new ArrayList<>();
        alternatives.add(parseAnd(scope));
        while (keyword("OR")) {
            alternatives.add(parseAnd(scope));
        }
        return alternatives.size() == 1 ? alternatives.get(0) : new QueryNode.Or(List.copyOf(alternatives));
    }

    private QueryNode parseAnd(Scope scope) {
        List<QueryNode> required = new ArrayList<>();
        required.add(parseNear(scope));
        while (true) {
            skipSpace();
            if (pos >= text.length() || text.charAt(pos) == ')' || peekKeyword("OR") || peekNear()) {
                break;
            }
            keyword("AND");
            required.add(parseNear(scope));
        }
        return required.size() == 1 ? required.get(0) : new QueryNode.And(List.copyOf(required));
    }

    /**
     * {@code a NEAR/n b NEAR/n c}: one distance for the whole chain (the largest written); {@code NEAR/s}
     * (one sentence, any distance) or {@code NEAR/n/s} (one sentence, within n words) anywhere in the
     * chain keeps all of it within one sentence.
     */
    private QueryNode parseNear(Scope scope) {
        int start = pos;
        QueryNode first = parseUnary(scope);
        List<QueryNode> clauses = new ArrayList<>(List.of(first));
        int distance = -1;
        boolean sentence = false;
        while (peekNear()) {
            int at = pos;
            pos += "NEAR".length();
            int d = DEFAULT_NEAR;
            if (pos < text.length() && text.charAt(pos) == '/') {
                int digits = ++pos;
                if (pos < text.length() && (text.charAt(pos) == 's' || text.charAt(pos) == 'S')) {
                    pos++;
                    if (pos < text.length() && Character.isLetterOrDigit(text.charAt(pos))) {
                        throw new QuerySyntaxException(
                                digits,
                                "NEAR/ must be followed by a distance in words (NEAR/10) or s for one sentence (NEAR/s)");
                    }
                    sentence = true;
                    d = -1;
                } else {
                    while (pos < text.length() && Character.isDigit(text.charAt(pos)) && pos - digits < 3) {
                        pos++;
                    }
                    if (pos == digits) {
                        throw new QuerySyntaxException(
                                digits,
                                "NEAR/ must be followed by a distance in words (NEAR/10) or s for one sentence (NEAR/s)");
                    }
                    d = Integer.parseInt(text.substring(digits, pos));
                    if (d < 1 || d > MAX_NEAR) {
                        throw new QuerySyntaxException(
                                digits, "a NEAR distance from 1 to " + MAX_NEAR + " words is supported");
                    }
                    if (text.startsWith("/s", pos) || text.startsWith("/S", pos)) { // NEAR/30/s
                        pos += 2;
                        if (pos < text.length() && Character.isLetterOrDigit(text.charAt(pos))) {
                            throw new QuerySyntaxException(pos - 1, "NEAR/n/s ends with s (one sentence)");
                        }
                        sentence = true;
                    }
                }
            }
            distance = Math.max(distance, d);
            QueryNode next = parseUnary(scope);
            requireWords(clauses.get(clauses.size() - 1), at, scope, NEAR_TAKES_WORDS);
            requireWords(next, at, scope, NEAR_TAKES_WORDS);
            clauses.add(next);
        }
        QueryNode chain;
        if (peekNotInSentence()) {
            chain = notInSentence(clauses, distance, sentence, scope);
        } else if (clauses.size() == 1) {
            chain = first;
        } else {
            chain = new QueryNode.Near(
                    List.copyOf(clauses), distance < 0 ? QueryNode.Near.SENTENCE_WORDS : distance, sentence);
        }
        return peekNotListed() ? notListed(chain, scope) : chain;
    }

    /**
     * {@code a NEAR/s b NOT/list} (also after a {@code NOT/s} group, or after one word, phrase, wildcard or
     * OR-group): the chain where its first side does not stand as an item of a list ("including border
     * delimitation, transport links and the release of the detainees": {@link ListItems}). It ends the chain.
     */
    private QueryNode notListed(QueryNode chain, Scope scope) {
        int at = pos;
        pos += NOT_LISTED.length();
        if (peekNear() || peekNotInSentence() || peekNotListed()) {
            throw new QuerySyntaxException(pos, NOT_LISTED_ENDS_THE_CHAIN);
        }
        if (chain instanceof QueryNode.Near near) {
            if (near.unlisted()) {
                throw new QuerySyntaxException(at, NOT_LISTED_ENDS_THE_CHAIN);
            }
            return new QueryNode.Near(near.clauses(), near.distance(), near.sentence(), near.unless(), true);
        }
        requireWords(chain, at, scope, NOT_LISTED_FOLLOWS_WORDS);
        return new QueryNode.Near(List.of(chain), QueryNode.Near.SENTENCE_WORDS, true, null, true);
    }

    private static final String NOT_LISTED = "NOT/list";
    private static final String NOT_LISTED_ENDS_THE_CHAIN =
            "NOT/list ends the chain, after any NOT/s: a NEAR/s b NOT/s c NOT/list";
    private static final String NOT_LISTED_FOLLOWS_WORDS =
            "NOT/list follows words, phrases, wildcards, OR-groups or a NEAR chain, not AND or NOT: a NOT/list";

    private boolean peekNotListed() {
        return peekOperator(NOT_LISTED);
    }

    /**
     * {@code a NEAR/s b NOT/s c} (or {@code (a NEAR/s b) NOT/s c}): a and b in one sentence that holds no
     * c. It ends the chain and leaves its scope as written: {@code a NEAR/20 b NOT/s c} may cross into the
     * next sentence, and neither sentence may hold c. After one word, phrase, wildcard or OR-group ({@code
     * a NOT/s c}, a chain of one): a in a sentence that holds no c.
     */
    private QueryNode notInSentence(List<QueryNode> chain, int distance, boolean sentence, Scope scope) {
        int at = pos;
        if (chain.size() == 1 && chain.get(0) instanceof QueryNode.Near near) {
            if (near.unless() != null) {
                throw new QuerySyntaxException(at, NOT_IN_SENTENCE_ENDS_THE_CHAIN);
            }
            chain = near.clauses();
            distance = near.distance();
            sentence = near.sentence();
        } else if (chain.size() == 1) {
            requireWords(chain.get(0), at, scope, NOT_IN_SENTENCE_FOLLOWS_WORDS);
            sentence = true;
        }
        pos += NOT_IN_SENTENCE.length();
        QueryNode unless = parsePrimary(scope);
        requireWords(unless, at, scope, NOT_IN_SENTENCE_TAKES_WORDS);
        if (peekNear() || peekNotInSentence()) {
            throw new QuerySyntaxException(pos, NOT_IN_SENTENCE_ENDS_THE_CHAIN);
        }
        return new QueryNode.Near(
                List.copyOf(chain), distance < 0 ? QueryNode.Near.SENTENCE_WORDS : distance, sentence, unless);
    }

    private static final String NOT_IN_SENTENCE = "NOT/s";
    private static final String NOT_IN_SENTENCE_NEEDS_A_SIDE =
            "NOT/s follows a word or a NEAR chain: a NOT/s c is a in a sentence without c, a NEAR/s b NOT/s c"
                    + " is a and b in one sentence without c";
    private static final String NOT_IN_SENTENCE_ENDS_THE_CHAIN =
            "NOT/s ends the NEAR chain: put every NEAR before it, and its words in one group";
    private static final String NOT_IN_SENTENCE_FOLLOWS_WORDS =
            "NOT/s follows words, phrases, wildcards, OR-groups or a NEAR chain, not AND or NOT: a NOT/s c";
    private static final String NOT_IN_SENTENCE_TAKES_WORDS =
            "NOT/s takes words, phrases, wildcards and OR-groups: a NEAR/s b NOT/s (c OR d)";

    private boolean peekNotInSentence() {
        return peekOperator(NOT_IN_SENTENCE) || peekOperator("NOT/S");
    }

    /** Whether {@code operator} ({@code NOT/s}, {@code NOT/list}) is next, as a whole word. */
    private boolean peekOperator(String operator) {
        skipSpace();
        int end = pos + operator.length();
        return text.startsWith(operator, pos)
                && (end == text.length() || !isWordChar(text.charAt(end)) && text.charAt(end) != ':');
    }

    private static final String NEAR_TAKES_WORDS = "NEAR joins words, phrases, wildcards and OR-groups, not AND or NOT";

    private static String aboutTakesWords(String field) {
        return field + " takes words, phrases, wildcards, OR and NEAR, not AND or NOT: " + field + "(a OR b) AND c";
    }

    /**
     * NEAR measures distances between words, and about: counts the sentences words are in: both take
     * words, phrases, wildcards, OR and NEAR of those, all in {@code scope}; {@code andOrNot} says so.
     */
    private static void requireWords(QueryNode node, int at, Scope scope, String andOrNot) {
        if (node instanceof QueryNode.Or or) {
            or.clauses().forEach(c -> requireWords(c, at, scope, andOrNot));
        } else if (node instanceof QueryNode.Near near) {
            near.clauses().forEach(c -> requireWords(c, at, scope, andOrNot));
        } else if (node instanceof QueryNode.And || node instanceof QueryNode.Not) {
            throw new QuerySyntaxException(at, andOrNot);
        } else if (node instanceof QueryNode.About about) {
            throw new QuerySyntaxException(
                    at,
                    about.field() + " cannot be a side of NEAR; put the NEAR inside: " + about.field() + "(a NEAR b)");
        } else if (node instanceof QueryNode.Word w && w.scope() != scope
                || node instanceof QueryNode.Phrase p && p.scope() != scope
                || node instanceof QueryNode.Prefix x && x.scope() != scope
                || scope == Scope.SOURCE
                || scope == Scope.LANGUAGE) {
            throw new QuerySyntaxException(
                    at, "field scopes cannot be used inside NEAR; scope the whole group: title:(a NEAR b)");
        }
    }

    private boolean peekNear() {
        skipSpace();
        if (!text.startsWith("NEAR", pos)) {
            return false;
        }
        int end = pos + 4;
        return end == text.length() || text.charAt(end) == '/' || Character.isWhitespace(text.charAt(end));
    }

    private QueryNode parseUnary(Scope scope) {
        if (keyword("NOT")) {
            return new QueryNode.Not(parseUnary(scope));
        }
        return parsePrimary(scope);
    }

    private QueryNode parsePrimary(Scope scope) {
        skipSpace();
        if (pos >= text.length()) {
            throw new QuerySyntaxException(pos, "expected a word, a \"phrase\" or '(' here, the query ends instead");
        }
        char c = text.charAt(pos);
        if (c == '(') {
            int open = pos++;
            if (++depth > limits.maxDepth()) {
                throw new QuerySyntaxException(open, "parentheses are nested more than " + limits.maxDepth() + " deep");
            }
            QueryNode inner = parseOr(scope);
            skipSpace();
            if (pos >= text.length() || text.charAt(pos) != ')') {
                throw new QuerySyntaxException(open, "this '(' is not closed");
            }
            pos++;
            depth--;
            return inner;
        }
        if (c == '"') {
            return phrase(scope);
        }
        if (c == ')') {
            throw new QuerySyntaxException(pos, "expected a word, a \"phrase\" or '(' before this ')'");
        }
        if (c == '*') {
            throw wildcardError(pos);
        }
        if (peekNotInSentence()) {
            throw new QuerySyntaxException(pos, NOT_IN_SENTENCE_NEEDS_A_SIDE);
        }
        if (!isWordChar(c)) {
            throw new QuerySyntaxException(pos, "unexpected '" + c + "'");
        }
        return word(scope);
    }

    private QueryNode word(Scope scope) {
        int start = pos;
        while (pos < text.length() && isWordChar(text.charAt(pos))) {
            pos++;
        }
        String word = text.substring(start, pos);
        if (pos < text.length() && text.charAt(pos) == ':') {
            return scoped(word, start, scope);
        }
        if (pos < text.length() && text.charAt(pos) == '*') {
            pos++;
            if (pos < text.length() && (isWordChar(text.charAt(pos)) || text.charAt(pos) == '*')) {
                throw wildcardError(pos - 1);
            }
            if (!wildcardAllowed(word, scope, limits)) {
                throw wildcardError(start);
            }
            countClause(start);
            return new QueryNode.Prefix(word, scope, start);
        }
        if (letters(word) == 0) {
            throw new QuerySyntaxException(start, "'" + word + "' has no letters or digits to match");
        }
        countClause(start);
        return new QueryNode.Word(word, scope, start);
    }

    private QueryNode scoped(String field, int start, Scope outer) {
        if (field.equalsIgnoreCase("about") || field.equalsIgnoreCase("focus")) {
            return about(start, outer, field.equalsIgnoreCase("focus"));
        }
        if (inAbout) {
            throw new QuerySyntaxException(start, "a field cannot be scoped inside another field");
        }
        Scope scope = switch (field.toLowerCase(Locale.ROOT)) {
            case "title" -> Scope.TITLE;
            case "body" -> Scope.BODY;
            case "lead" -> Scope.LEAD;
            case "source" -> Scope.SOURCE;
            case "language" -> Scope.LANGUAGE;
            default ->
                throw new QuerySyntaxException(
                        start,
                        "unknown field '" + field
                                + "': use title:, body:, lead:, about:, focus:, source: or language:");
        };
        if (outer != Scope.TEXT) {
            throw new QuerySyntaxException(start, "a field cannot be scoped inside another field");
        }
        pos++; // ':'
        if (pos >= text.length() || Character.isWhitespace(text.charAt(pos))) {
            throw new QuerySyntaxException(pos, "'" + field + ":' must be followed directly by what to match");
        }
        QueryNode node = parsePrimary(scope);
        if ((scope == Scope.SOURCE || scope == Scope.LANGUAGE) && node instanceof QueryNode.Phrase) {
            throw new QuerySyntaxException(start, field + ": takes a single id such as " + field + ":fr");
        }
        return node;
    }

    /**
     * {@code about:x} or {@code about:(…)}: words, phrases, wildcards, OR and NEAR, as one group; {@code
     * focus:} the same, also in a sentence that calls for something ({@code calls}).
     */
    private QueryNode about(int start, Scope outer, boolean calls) {
        String field = QueryNode.About.field(calls);
        if (outer != Scope.TEXT || inAbout) {
            throw new QuerySyntaxException(start, "a field cannot be scoped inside another field");
        }
        pos++; // ':'
        if (pos >= text.length() || Character.isWhitespace(text.charAt(pos))) {
            throw new QuerySyntaxException(pos, "'" + field + "' must be followed directly by what to match");
        }
        inAbout = true;
        QueryNode inner;
        try {
            inner = parsePrimary(Scope.TEXT);
        } finally {
            inAbout = false;
        }
        requireWords(inner, start, Scope.TEXT, aboutTakesWords(field));
        return new QueryNode.About(inner, start, calls);
    }

    private QueryNode phrase(Scope scope) {
        int open = pos++;
        int close = text.indexOf('"', pos);
        if (close < 0) {
            throw new QuerySyntaxException(open, "this phrase is not closed: add a closing \"");
        }
        String phrase = text.substring(pos, close).strip();
        pos = close + 1;
        if (letters(phrase) == 0) {
            throw new QuerySyntaxException(open, "this phrase has no words");
        }
        if (phrase.indexOf('*') >= 0) {
            throw new QuerySyntaxException(open, "wildcards are not supported inside a phrase");
        }
        int slop = 0;
        if (pos < text.length() && text.charAt(pos) == '~') {
            int digits = ++pos;
            while (pos < text.length() && Character.isDigit(text.charAt(pos)) && pos - digits < 3) {
                pos++;
            }
            if (pos == digits) {
                throw new QuerySyntaxException(digits, "'~' must be followed by a distance in words, e.g. ~5");
            }
            slop = Integer.parseInt(text.substring(digits, pos));
            if (slop > 50) {
                throw new QuerySyntaxException(digits, "a distance of at most 50 words is supported");
            }
        }
        countClause(open);
        return new QueryNode.Phrase(phrase, slop, scope, open);
    }

    private void countClause(int at) {
        if (++clauses > limits.maxClauses()) {
            throw new QuerySyntaxException(at, "the query has more than " + limits.maxClauses() + " words and phrases");
        }
    }

    /** A query must say what to look for: NOT only excludes, and "a OR NOT b" would match nearly everything. */
    private static void requirePositive(QueryNode node, int at) {
        if (!positive(node)) {
            throw new QuerySyntaxException(at, "the query only excludes: add a word or phrase to look for besides NOT");
        }
    }

    static boolean positive(QueryNode node) {
        if (node instanceof QueryNode.Not) {
            return false;
        }
        if (node instanceof QueryNode.And and) {
            return and.clauses().stream().anyMatch(QueryParser::positive);
        }
        if (node instanceof QueryNode.Or or) {
            return or.clauses().stream().allMatch(QueryParser::positive);
        }
        if (node instanceof QueryNode.Alias alias) {
            return positive(alias.expansion());
        }
        return true; // a word, phrase, wildcard or NEAR group
    }

    private QuerySyntaxException wildcardError(int at) {
        return new QuerySyntaxException(
                at,
                "a wildcard may only end a word of at least " + limits.minPrefixLength()
                        + " letters, e.g. detain* (not in source: or language:)");
    }

    private boolean keyword(String keyword) {
        if (peekKeyword(keyword)) {
            pos += keyword.length();
            return true;
        }
        return false;
    }

    private boolean peekKeyword(String keyword) {
        skipSpace();
        int end = pos + keyword.length();
        return text.startsWith(keyword, pos)
                && (end == text.length()
                        || !isWordChar(text.charAt(end)) && text.charAt(end) != ':' && text.charAt(end) != '*');
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || WORD_PUNCTUATION.indexOf(c) >= 0;
    }

    /**
     * Whether {@code word} may take a trailing wildcard in {@code scope}: one word of at least
     * {@link QueryLimits#minPrefixLength()} letters, not in {@code source:} or {@code language:}. The one
     * rule for a query's wildcards and an alias group's.
     */
    static boolean wildcardAllowed(String word, Scope scope, QueryLimits limits) {
        return !word.isEmpty()
                && word.chars().allMatch(c -> isWordChar((char) c))
                && letters(word) >= limits.minPrefixLength()
                && scope != Scope.SOURCE
                && scope != Scope.LANGUAGE;
    }

    private static int letters(String s) {
        return (int) s.chars().filter(Character::isLetterOrDigit).count();
    }
}
