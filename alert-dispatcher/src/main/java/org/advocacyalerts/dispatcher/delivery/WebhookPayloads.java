package org.advocacyalerts.dispatcher.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.advocacyalerts.model.Alert;
import org.advocacyalerts.model.CloudEventCodec;
import org.advocacyalerts.model.Statement;
import org.advocacyalerts.model.TopicMatch;
import org.advocacyalerts.model.WebhookEvent;

/**
 * The webhook body of an alert, at most {@link #MAX_BYTES}: receivers behind gateways with small body
 * limits must still get every alert. A long statement body is cut (at a character, never inside one)
 * and {@code fullText} links to the whole statement; if evidence alone would not fit, each topic keeps
 * its first pieces of evidence (they come most telling first).
 */
public final class WebhookPayloads {

    public static final int MAX_BYTES = 20 * 1024;

    /** Evidence per topic when the full lists do not fit: then 5, then 1. */
    private static final int[] EVIDENCE_CAPS = {Integer.MAX_VALUE, 20, 5, 1};

    private WebhookPayloads() {}

    /**
     * The subscription id of a shared body: one body per statement text and set of matched topics is
     * stored once, whatever the number of subscriptions it goes to, and each alert's own id is put in
     * its place when the alert is sent ({@link #forSubscription}).
     */
    public static final UUID SHARED = new UUID(0, 0);

    private static final byte[] SHARED_FIELD =
            ("\"subscriptionId\":\"" + SHARED + "\"").getBytes(StandardCharsets.UTF_8);

    /** A shared body with the subscription's id in place of {@link #SHARED} (same length: a copy). */
    public static byte[] forSubscription(byte[] shared, UUID subscriptionId) {
        return forSubscription(shared, subscriptionIdAt(shared), subscriptionId);
    }

    /**
     * Where the subscription id goes in a shared body: to be found once for the many copies made of one
     * body (it follows the statement's text, so finding it means reading most of the body).
     */
    public static int subscriptionIdAt(byte[] shared) {
        int at = indexOf(shared, SHARED_FIELD);
        if (at < 0) {
            throw new IllegalStateException("not a shared alert body");
        }
        return at;
    }

    /** {@link #forSubscription(byte[], UUID)} with {@code at} from {@link #subscriptionIdAt}. */
    public static byte[] forSubscription(byte[] shared, int at, UUID subscriptionId) {
        byte[] own = shared.clone();
        byte[] id = subscriptionId.toString().getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(id, 0, own, at + SHARED_FIELD.length - 1 - id.length, id.length);
        return own;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /**
     * @param fullTextUrl where the whole statement can be read ({@code {id}} is replaced by its id), or
     *     null to link to the statement's own page
     */
    public static byte[] of(Alert alert, int revision, Instant now, String fullTextUrl) {
        byte[] whole = CloudEventCodec.toJson(WebhookEvent.of(alert, revision, now));
        if (whole.length <= MAX_BYTES && !alert.statement().bodyCut()) {
            return whole; // (a body cut on Kafka already is sent as cut: bodyTruncated, with the link)
        }
        Statement statement = alert.statement();
        String link = fullTextUrl == null
                ? statement.url()
                : fullTextUrl.replace("{id}", statement.id().toString());
        for (int cap : EVIDENCE_CAPS) {
            List<TopicMatch> matches = alert.matches().stream()
                    .map(m -> m.evidence().size() <= cap
                            ? m
                            : new TopicMatch(m.topic(), m.evidence().subList(0, cap)))
                    .toList();
            byte[] withoutBody = json(alert, revision, now, withBody(statement, ""), matches, link);
            int budget = MAX_BYTES - withoutBody.length;
            if (budget < 0) {
                continue; // evidence alone is too long: keep less of it
            }
            // JSON escaping and UTF-8 make a character cost one byte or more: shrink until it fits.
            String body = statement.body();
            int keep = Math.min(body.length(), budget);
            while (true) {
                int end = keep > 0 && Character.isHighSurrogate(body.charAt(keep - 1)) ? keep - 1 : keep;
                byte[] cut = json(alert, revision, now, withBody(statement, body.substring(0, end)), matches, link);
                if (cut.length <= MAX_BYTES) {
                    return cut;
                }
                keep = (int) (end * (double) MAX_BYTES / cut.length) - 1;
                if (keep <= 0) {
                    break;
                }
            }
        }
        // Even one piece of evidence per topic and no body are too long (hundreds of topics): send the
        // link alone with the topics; the receiver reads the rest there.
        return json(alert, revision, now, withBody(statement, ""), List.of(), link);
    }

    private static byte[] json(
            Alert alert, int revision, Instant now, Statement statement, List<TopicMatch> matches, String link) {
        WebhookEvent whole = WebhookEvent.of(alert, revision, now);
        return CloudEventCodec.toJson(new WebhookEvent(
                whole.type(),
                now,
                new WebhookEvent.Data(
                        statement,
                        alert.topics(),
                        alert.subscriptionId(),
                        matches,
                        true,
                        link,
                        whole.data().revision())));
    }

    /** The statement with the start of its body; it says how long the whole body is. */
    private static Statement withBody(Statement s, String body) {
        return s.withBody(body, s.bodyCut() ? s.fullBodyLength() : s.body().length());
    }
}
