package org.advocacyalerts.dispatcher.email;

import io.quarkus.mailer.Mail;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

    @Override
    public DeliveryResult send(PendingAlert alert) {
        long started = System.nanoTime();
        EmailLinks.Unsubscribe unsubscribe = links.unsubscribe(alert.subscriptionId());
        WebhookEvent event;
        try {
            com.fasterxml.jackson.databind.JsonNode tree = Json.mapper().readTree(alert.payload());
            if (Digests.TYPE.equals(tree.path("type").asText())) {
                return deliver(alert, digest(alert, tree.path("data"), unsubscribe), unsubscribe, started);
            }
            event = Json.mapper().treeToValue(tree, WebhookEvent.class);
        } catch (IOException e) {
            return new DeliveryResult(false, null, 0, "unreadable alert: " + e.getMessage(), null);
        }
        WebhookEvent.Data data = event.data();
        List<Shown> evidence = new ArrayList<>();
        for (TopicMatch match : data.matches()) {
            match.evidence().stream()
                    .limit(3)
                    .forEach(e -> evidence.add(new Shown(match.topic(), e.clause(), highlight(e))));
        }
        String revised = data.revision() == null ? "" : "Revised: ";
        var values = java.util.Map.<String, Object>of(
                "statement", data.statement(),
                "published", DATE.format(data.statement().publishedAt()),
                "topics", String.join(", ", data.topics().isEmpty() ? List.of("your query") : data.topics()),
                "evidence", evidence,
                "revised", !revised.isEmpty(),
                "truncated", Boolean.TRUE.equals(data.bodyTruncated()),
                "link", safeLink(data),
                "unsubscribe", unsubscribe.url());
        return deliver(
                alert,
                Mail.withHtml(
                                alert.target(),
                                subject(revised + data.statement().title()),
                                EmailTemplates.renderHtml(html, values))
                        .setText(EmailTemplates.render(text, values)),
                unsubscribe,
                started);
    }

    /** One digest: every held alert of the period, grouped by topic (a statement under each of its topics). */
    private Mail digest(
            PendingAlert alert, com.fasterxml.jackson.databind.JsonNode data, EmailLinks.Unsubscribe unsubscribe)
            throws IOException {
        java.util.Map<String, List<java.util.Map<String, Object>>> byTopic = new java.util.LinkedHashMap<>();
        int statements = 0;
        for (com.fasterxml.jackson.databind.JsonNode node : data.path("alerts")) {
            WebhookEvent.Data item =
                    Json.mapper().treeToValue(node, WebhookEvent.class).data();
            statements++;
            for (TopicMatch match : item.matches()) {
                java.util.Map<String, Object> entry = new java.util.HashMap<>();
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
        List<java.util.Map<String, Object>> topics = new ArrayList<>();
        byTopic.forEach((topic, entries) -> topics.add(java.util.Map.of("name", topic, "entries", entries)));
        var values = java.util.Map.<String, Object>of(
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
                unsubscribe.url());
        String subject = "Your " + period + " Advocacy Alerts digest: " + statements + " statement"
                + (statements == 1 ? "" : "s");
        return Mail.withHtml(alert.target(), subject, EmailTemplates.renderHtml(digestHtml, values))
                .setText(EmailTemplates.render(digestText, values));
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
