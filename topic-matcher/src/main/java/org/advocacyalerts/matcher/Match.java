package org.advocacyalerts.matcher;

import java.util.List;
import org.advocacyalerts.model.Evidence;

/** A registered query that matched a statement, with its evidence in reading order. */
public record Match(String queryId, List<Evidence> evidence) {}
