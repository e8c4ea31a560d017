package org.advocacyalerts.dispatcher.email;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.mailer.Mail;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.advocacyalerts.dispatcher.delivery.AlertSender;
import org.advocacyalerts.dispatcher.delivery.DeliveryResult;
import org.advocacyalerts.dispatcher.delivery.PendingAlert;
import org.advocacyalerts.model.Evidence;
import org.advocacyalerts.model.Json;
import org.advocacyalerts.model.TopicMatch;
import org.advocacyalerts.model.WebhookEvent;

/**
 * Alerts by email: HTML with a plain-text alternative, from the alert's webhook body (the same title,
 * evidence and link). Every piece of statement text is escaped by the HTML template; the subject is
 * stripped of line breaks, so nothing in a statement can add a header. Each email carries RFC 8058
 * one-click unsubscribe headers.
 */
@ApplicationScoped
public class EmailSender implements AlertSender {

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final Smtp mailer;
    private final Template html;
    private final Template text;
    private final Template digestHtml;
    private final Template digestText;
    private final EmailLinks links;

    EmailSender(
            Smtp mailer,
            @Location("email/alert.html") Template html,
            @Location("email/alert.txt") Template text,
            @Location("email/digest.html") Template digestHtml,
            @Location("email/digest.txt") Template digestText,
            EmailLinks links) {
        this.mailer = mailer;
        this.html = html;
        this.text = text;
        this.digestHtml = digestHtml;
        this.digestText = digestText;
        this.links = links;
    }

    @Override
    public String channel() {
        return "email";
    }

    /** One highlighted stretch of a sentence: {@code mark} parts are the matched words. */
    public record Part(String text, boolean mark) {}

    /** One piece of evidence as the email shows it. */
    public record Shown(String topic, String clause, List<Part> sentence) {}

    /**
     * Stands for the unsubscribe link while an email is made, the one thing in it that is the
     * subscription's own: random, so no statement text can contain it.
     */
    private static final String UNSUBSCRIBE_LINK = "urn:x-advocacy-alerts:unsubscribe:" + UUID.randomUUID();

    /** Emails made from shared bodies, the most recently used kept: a fan-out sends one body many times. */
    private static final int MADE_ONCE = 64;

    private final Map<UUID, Email> sharedBodies = new LinkedHashMap<>(MADE_ONCE, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Email> eldest) {
            return size() > MADE_ONCE;
        }
    };

    /** An email with {@link #UNSUBSCRIBE_LINK} in place of the link (its HTML not yet made 7-bit). */
    record Email(String subject, String html, String text) {

        Mail to(String address, String unsubscribe) {
            return Mail.withHtml(
                            address,
                            subject,
                            EmailTemplates.sevenBit(html.replace(UNSUBSCRIBE_LINK, EmailTemplates.escape(unsubscribe))))
                    .setText(text.replace(UNSUBSCRIBE_LINK, unsubscribe));
        }
    }

    @Override
    public DeliveryResult send(PendingAlert alert) {
        long started = System.nanoTime();
        EmailLinks.Unsubscribe unsubscribe = links.unsubscribe(alert.subscriptionId());
        Email email;
        try {
            email = alert.bodyId() == null ? email(alert.payload()) : shared(alert.bodyId(), alert.payload());
        } catch (IOException e) {
            return new DeliveryResult(false, null, 0, "unreadable alert: " + e.getMessage(), null);
        }
        return deliver(alert, email.to(alert.target(), unsubscribe.url()), unsubscribe, started);
    }

    /**
     * The email of a body shared by a statement's alerts, made once, not once per subscriber: reading the
     * body and rendering the templates is the dearest part of sending an email. Senders taking a new body at
     * the same moment may each make it; they make the same email.
     */
    private Email shared(UUID bodyId, byte[] payload) throws IOException {
        synchronized (sharedBodies) {
            Email made = sharedBodies.get(bodyId);
            if (made != null) {
                return made;
            }
        }
        Email made = email(payload);
        synchronized (sharedBodies) {
            sharedBodies.put(bodyId, made);
        }
        return made;
    }

    /** An alert's or a digest's email, from its body alone. */
    private Email email(byte[] payload) throws IOException {
        JsonNode tree = Json.mapper().readTree(payload);
        if (Digests.TYPE.equals(tree.path("type").asText())) {
            return digest(tree.path("data"));
        }
        WebhookEvent.Data data =
                Json.mapper().treeToValue(tree, WebhookEvent.class).data();
        List<Shown> evidence = new ArrayList<>();
        for (TopicMatch match : data.matches()) {
            match.evidence().stream()
                    .limit(3)
                    .forEach(e -> evidence.add(new Shown(match.topic(), e.clause(), highlight(e))));
        }
        String revised = data.revision() == null ? "" : "Revised: ";
        var values = Map.<String, Object>of(
                "statement", data.statement(),
                "published", DATE.format(data.statement().publishedAt()),
                "topics", String.join(", ", data.topics().isEmpty() ? List.of("your query") : data.topics()),
                "evidence", evidence,
                "revised", !revised.isEmpty(),
                "truncated", Boolean.TRUE.equals(data.bodyTruncated()),
                "link", safeLink(data),
                "unsubscribe", UNSUBSCRIBE_LINK);
        return new Email(
                subject(revised + data.statement().title()),
                EmailTemplates.render(html, values),
                EmailTemplates.render(text, values));
    }

    /** One digest: every held alert of the period, grouped by topic (a statement under each of its topics). */
    private Email digest(JsonNode data) throws IOException {
        Map<String, List<Map<String, Object>>> byTopic = new LinkedHashMap<>();
        int statements = 0;
        for (JsonNode node : data.path("alerts")) {
            WebhookEvent.Data item =
                    Json.mapper().treeToValue(node, WebhookEvent.class).data();
            statements++;
            for (TopicMatch match : item.matches()) {
                Map<String, Object> entry = new HashMap<>();
                entry.put("statement", item.statement());
                entry.put("published", DATE.format(item.statement().publishedAt()));
                entry.put("link", safeLink(item) == null ? "" : safeLink(item));
                entry.put(
                        "sentence",
                        match.evidence().isEmpty()
                                ? List.of()
                                : highlight(match.evidence().get(0)));
                byTopic.computeIfAbsent(match.topic(), t -> new ArrayList<>()).add(entry);
            }
        }
        String period = "daily".equals(data.path("mode").asText()) ? "daily" : "weekly";
        List<Map<String, Object>> topics = new ArrayList<>();
        byTopic.forEach((topic, entries) -> topics.add(Map.of("name", topic, "entries", entries)));
        var values = Map.<String, Object>of(
                "period",
                period,
                "from",
                data.path("from").asText(),
                "to",
                data.path("to").asText(),
                "topics",
                topics,
                "count",
                statements,
                "unsubscribe",
                UNSUBSCRIBE_LINK);
        String subject = "Your " + period + " Advocacy Alerts digest: " + statements + " statement"
                + (statements == 1 ? "" : "s");
        return new Email(subject, EmailTemplates.render(digestHtml, values), EmailTemplates.render(digestText, values));
    }

    /** Sends with the RFC 8058 headers every email carries. */
    private DeliveryResult deliver(PendingAlert alert, Mail mail, EmailLinks.Unsubscribe unsubscribe, long started) {
        mail.addHeader("List-Unsubscribe", "<" + unsubscribe.url() + ">, <" + unsubscribe.mailto() + ">")
                .addHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
                .addHeader("X-Alert-Id", alert.id().toString());
        try {
            mailer.send(mail);
            return new DeliveryResult(true, null, (System.nanoTime() - started) / 1_000_000, null, null);
        } catch (RuntimeException e) {
            return new DeliveryResult(false, null, (System.nanoTime() - started) / 1_000_000, e.getMessage(), null);
        }
    }

    /** Only an http(s) link is put in an email (a feed could give a javascript: one). */
    private static String safeLink(WebhookEvent.Data data) {
        for (String url : new String[] {data.statement().url(), data.fullText()}) {
            if (url != null && (url.startsWith("https://") || url.startsWith("http://"))) {
                return url;
            }
        }
        return null;
    }

    /** A subject line: one line, at most 200 characters. */
    static String subject(String title) {
        String line = title.replaceAll("[\\r\\n\\t\\p{Cntrl}]+", " ").strip();
        return line.length() > 200 ? line.substring(0, 199) + "…" : line;
    }

    /** The evidence sentence cut around the matched words, so the template can mark them. */
    static List<Part> highlight(Evidence e) {
        String sentence = e.sentence() == null ? e.text() : e.sentence();
        int at = e.text() == null ? -1 : sentence.indexOf(e.text());
        if (at < 0) {
            return List.of(new Part(sentence, false));
        }
        List<Part> parts = new ArrayList<>(3);
        if (at > 0) {
            parts.add(new Part(sentence.substring(0, at), false));
        }
        parts.add(new Part(e.text(), true));
        if (at + e.text().length() < sentence.length()) {
            parts.add(new Part(sentence.substring(at + e.text().length()), false));
        }
        return parts;
    }
}
