package org.advocacyalerts.matcher;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.advocacyalerts.model.Evidence;

/**
 * What the evidence of one statement's matches shares. A statement matched by 200 queries shows the
 * same few hundred spans again and again: each span's text, sentence and analysed terms are made
 * once, and its evidence once per label (labels are interned: the queries holding the word share it).
 */
final class SpanTexts {
    private static final SpanText OUT_OF_BOUNDS = new SpanText(null, 0, 0, null, null, null);

    private final StatementText statement;
    private final TermIds ids;
    private final Map<String, Sentences> sentences = new HashMap<>(2);
    /** Spans by key, open addressing: an empty slot holds a null value. */
    private long[] keys = new long[256];

    private SpanText[] values = new SpanText[256];
    private int size;
    private final Map<String, ClauseAttribution.Terms> terms = new HashMap<>();

    /** @param ids the numbers of the monitor matching the statement (spans' terms are looked up there) */
    SpanTexts(StatementText statement, TermIds ids) {
        this.statement = statement;
        this.ids = ids;
    }

    /** A span of title or body: its text, its sentence and its terms; null if out of the text's bounds. */
    SpanText span(MatchedSpan span) {
        boolean title = span.field().equals(Analysis.TITLE);
        int start = span.start();
        int end = span.end();
        // Start and end in one long, its bits inverted for the title: no two spans share a key.
        long both = ((long) start << 32) | (end & 0xFFFFFFFFL);
        long key = title ? ~both : both;
        int mask = keys.length - 1;
        int i = slot(key, mask);
        for (; values[i] != null; i = (i + 1) & mask) {
            if (keys[i] == key) {
                return values[i] == OUT_OF_BOUNDS ? null : values[i];
            }
        }
        SpanText made = make(title, start, end);
        keys[i] = key;
        values[i] = made == null ? OUT_OF_BOUNDS : made;
        if (++size * 2 > keys.length) {
            grow();
        }
        return made;
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 32) & mask;
    }

    private void grow() {
        long[] oldKeys = keys;
        SpanText[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new SpanText[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldValues[j] != null) {
                int i = slot(oldKeys[j], mask);
                while (values[i] != null) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                values[i] = oldValues[j];
            }
        }
    }

    private SpanText make(boolean title, int start, int end) {
        String field = title ? Analysis.TITLE : Analysis.BODY;
        String text = title ? statement.title() : statement.body();
        if (start < 0 || end > text.length() || start >= end) {
            return null;
        }
        String matched = text.substring(start, end);
        return new SpanText(
                field,
                start,
                end,
                matched,
                sentences(field, text).around(start, end),
                terms.computeIfAbsent(matched, m -> ClauseAttribution.Terms.of(m, ids, statement.isFrench())));
    }

    private Sentences sentences(String field, String text) {
        return sentences.computeIfAbsent(field, f -> new Sentences(text));
    }

    /** The spans of a match, as evidence in title or body, each once. */
    List<Evidence> evidence(List<MatchedSpan> spans, ClauseAttribution.Clauses clauses) {
        List<Evidence> found = new ArrayList<>(spans.size());
        // A word found several times in the statement names the same clauses each time.
        ClauseAttribution.Terms labelled = null;
        String label = null;
        for (MatchedSpan span : spans) {
            String field = span.field();
            if (!field.equals(Analysis.TITLE) && !field.equals(Analysis.BODY)) {
                continue; // source: and language: say nothing a reader needs highlighted
            }
            SpanText text = span(span);
            if (text == null) {
                continue;
            }
            if (text.terms != labelled) {
                labelled = text.terms;
                label = ClauseAttribution.labelFor(clauses, labelled);
            }
            if (label != null) { // a word no clause names: one of focus:'s CallWords, context, not evidence
                addOnce(found, text.evidence(label));
            }
        }
        return found;
    }

    /** Adds {@code e} unless the list holds it: a few pieces of evidence per match, a set would cost more. */
    static void addOnce(List<Evidence> found, Evidence e) {
        for (Evidence f : found) {
            if (f == e || f.equals(e)) {
                return;
            }
        }
        found.add(e);
    }

    static final class SpanText {
        final String field;
        final int start;
        final int end;
        final String matched;
        final String sentence;
        final ClauseAttribution.Terms terms;
        private Evidence last;

        SpanText(String field, int start, int end, String matched, String sentence, ClauseAttribution.Terms terms) {
            this.field = field;
            this.start = start;
            this.end = end;
            this.matched = matched;
            this.sentence = sentence;
            this.terms = terms;
        }

        /** The span's evidence with this label; the same object as last time for the same label. */
        Evidence evidence(String label) {
            Evidence e = last;
            if (e == null || !Objects.equals(e.clause(), label)) {
                e = new Evidence(field, start, end, matched, sentence, label);
                last = e;
            }
            return e;
        }
    }
}
