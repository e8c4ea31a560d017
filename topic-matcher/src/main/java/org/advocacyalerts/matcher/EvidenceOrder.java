package org.advocacyalerts.matcher;

import java.util.ArrayList;
import java.util.List;
import org.advocacyalerts.model.Evidence;

/**
 * The order a match's evidence is shown in: the query's subject first, title before body, reading
 * order; and of spans nested in one another (the same words found as exact and as stemmed terms) only
 * the widest.
 */
final class EvidenceOrder {

    private EvidenceOrder() {}

    /**
     * The query's first clauses name its subject, later ones its context ("POWs AND Armenia"): evidence
     * of the subject comes first, then title before body, then reading order.
     */
    static List<Evidence> ordered(CompiledQuery query, List<Evidence> found) {
        if (found.isEmpty()) {
            return List.of();
        }
        List<Evidence> ordered = new ArrayList<>(found);
        if (ordered.size() > 1) {
            ordered.sort((a, b) -> {
                int c = Integer.compare(query.rank(a.clause()), query.rank(b.clause()));
                if (c == 0) {
                    c = Boolean.compare(
                            !a.field().equals(Analysis.TITLE), !b.field().equals(Analysis.TITLE));
                }
                if (c == 0) {
                    c = Integer.compare(a.start(), b.start());
                }
                return c != 0 ? c : Integer.compare(b.end(), a.end());
            });
        }
        return removeNested(ordered);
    }

    /** The same words found as exact and as stemmed terms give nested spans: keep the widest. */
    private static List<Evidence> removeNested(List<Evidence> ordered) {
        List<Evidence> kept = new ArrayList<>(ordered.size());
        for (Evidence e : ordered) {
            boolean nested = false;
            for (Evidence k : kept) {
                if (k.field().equals(e.field()) && k.start() <= e.start() && e.end() <= k.end()) {
                    nested = true;
                    break;
                }
            }
            if (!nested) {
                kept.add(e);
            }
        }
        return kept;
    }
}
