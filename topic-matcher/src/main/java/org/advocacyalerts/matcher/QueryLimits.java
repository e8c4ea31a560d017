package org.advocacyalerts.matcher;

/**
 * Guard rails for queries from outside: every query is held in memory and evaluated against every
 * statement, so one pathological query must not slow down or exhaust the matcher.
 *
 * @param maxLength characters in the query text
 * @param maxClauses words, phrases and wildcards after alias expansion
 * @param maxDepth nesting of parentheses
 * @param minPrefixLength letters before a trailing wildcard ("de*" would match half the language)
 * @param maxPrefixExpansion distinct words one wildcard may expand to in a statement
 */
public record QueryLimits(int maxLength, int maxClauses, int maxDepth, int minPrefixLength, int maxPrefixExpansion) {

    /** 2,000 characters and 200 clauses fit the longest sensible topic; depth 10 any readable query. */
    public static final QueryLimits DEFAULT = new QueryLimits(2000, 200, 10, 3, 64);
}
