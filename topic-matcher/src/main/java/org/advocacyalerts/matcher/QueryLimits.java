package org.advocacyalerts.matcher;

/**
 * Guard rails for queries from outside: every query is held in memory and evaluated against every
 * statement, so one pathological query must not slow down or exhaust the matcher. After alias expansion
 * every query is also held to {@code maxExpandedTerms} and to {@link QueryCompiler}'s bound on excluded
 * words (2,000 after a NOT).
 *
 * @param maxLength characters in the query text
 * @param maxClauses words, phrases and wildcards as written (before alias expansion)
 * @param maxDepth nesting of parentheses
 * @param minPrefixLength letters before a trailing wildcard ("de*" would match half the language)
 * @param maxPrefixExpansion distinct words one wildcard may expand to in a statement
 * @param maxExpandedTerms terms after alias expansion (excluded words aside): what one query costs per statement
 */
public record QueryLimits(
        int maxLength,
        int maxClauses,
        int maxDepth,
        int minPrefixLength,
        int maxPrefixExpansion,
        int maxExpandedTerms) {

    /**
     * A subscriber's own query: anyone with a subscription may write one, and there may be thousands.
     * 2,000 characters and 200 words and phrases fit any sensible one; depth 10 any readable query.
     */
    public static final QueryLimits SUBSCRIPTIONS = new QueryLimits(2000, 200, 10, 3, 64, 1000);

    /**
     * A topic: written by staff, a few dozen in all, and shared by every subscriber who follows it, so it
     * may say more: the default border topic is longer than a subscription's query may be, and with its
     * alias groups of border villages, repeated in each branch, it reached 997 of the 1,000 expanded terms
     * a subscription may have, so that staff could add no village to it. Its 6,000 characters are not what
     * bounds its cost (its 400 words and phrases and 2,000 expanded terms are): the default peace-process
     * topic needs more than 4,000 to say both what counts and what does not.
     */
    public static final QueryLimits TOPICS = new QueryLimits(6000, 400, 10, 3, 64, 2000);
}
