package org.advocacyalerts.model;

/**
 * Keeps statement events within what Kafka takes: a broker and producer refuse a record over 1 MiB by
 * default ({@code message.max.bytes}, {@code max.request.size}), and a refused record reaches nobody. A
 * body longer than {@link #MAX_BODY_BYTES} travels cut, saying so ({@link Statement#fullBodyLength}); a
 * revision's diff longer than {@link #MAX_DIFF_BYTES} is cut with a last line saying so. Matching reads
 * the cut body (its first half megabyte: where a statement says what it is about); the whole text stays
 * with statement-ingest, whose {@code GET /api/statements/{id}} serves it.
 */
public final class EventSize {

    /** Body bytes (UTF-8) an event carries: with a title and a diff, well under Kafka's 1 MiB. */
    public static final int MAX_BODY_BYTES = 512 * 1024;

    /** Diff bytes (UTF-8) a revision carries. */
    public static final int MAX_DIFF_BYTES = 128 * 1024;

    private EventSize() {}

    /** The statement as it goes on Kafka: its body cut to {@link #MAX_BODY_BYTES} if longer. */
    public static Statement forEvent(Statement s) {
        String body = cut(s.body(), MAX_BODY_BYTES);
        if (body.length() == s.body().length()) {
            return s;
        }
        return s.withBody(body, s.body().length());
    }

    /** The revision as it goes on Kafka: body and diff within their limits. */
    public static StatementRevised forEvent(StatementRevised r) {
        String diff = cut(r.diff(), MAX_DIFF_BYTES);
        if (diff.length() < r.diff().length()) {
            diff += "\n… diff cut here: " + r.diff().length() + " characters in all\n";
        }
        return new StatementRevised(forEvent(r.statement()), r.revision(), r.previousSha256(), diff);
    }

    /** The longest start of {@code text} within {@code maxBytes} of UTF-8, never splitting a character. */
    static String cut(String text, int maxBytes) {
        if (text.length() * 3L <= maxBytes) {
            return text; // even all 3-byte characters fit
        }
        int bytes = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + size > maxBytes) {
                return text.substring(0, i);
            }
            bytes += size;
            i += Character.charCount(cp);
        }
        return text;
    }
}
