package org.advocacyalerts.matcher;

/** A matched stretch of a statement's text: {@code [start, end)} of {@code field}, in UTF-16 units. */
record MatchedSpan(String field, int start, int end) {}
