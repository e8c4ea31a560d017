package org.advocacyalerts.model;

/**
 * Why a statement matched: the span {@code [start, end)} of {@code field} ("title" or "body"), in
 * characters (UTF-16 units, as JavaScript and Java count) of the statement's text, the matched text,
 * the sentence around it, and the clause of the query that matched, with the alias it stands for.
 */
public record Evidence(String field, int start, int end, String text, String sentence, String clause) {}
