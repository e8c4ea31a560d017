package org.advocacyalerts.model;

/**
 * A statement whose text changed at its source, published on {@link KafkaTopics#STATEMENTS} with type
 * {@link EventTypes#STATEMENT_REVISED} and the statement's id as key (so it follows the original).
 *
 * @param statement the statement as revised: same id, new title, body, {@code contentSha256} and
 *     {@code retrievedAt}
 * @param revision 1 for the first change, then 2, …
 * @param previousSha256 the content hash the statement had before
 * @param diff a unified diff of the text (title, blank line, body), previous to revised
 */
public record StatementRevised(Statement statement, int revision, String previousSha256, String diff) {}
