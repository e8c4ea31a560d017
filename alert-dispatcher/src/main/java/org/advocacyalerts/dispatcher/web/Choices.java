package org.advocacyalerts.dispatcher.web;

import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.advocacyalerts.api.Problem;
import org.advocacyalerts.dispatcher.api.SubscriptionRequest;
import org.advocacyalerts.dispatcher.api.SubscriptionValidator;
import org.advocacyalerts.dispatcher.config.DispatcherConfig;
import org.advocacyalerts.dispatcher.store.TopicMatchStore;
import org.advocacyalerts.dispatcher.store.TopicStore;

/**
 * What a subscriber chooses on the pages (topics, how often, time zone: {@code web/choices.html}), shared
 * by the portal's subscribe form and the manage page: the topics to choose from, the form as typed, and
 * the validator's complaints in a subscriber's words.
 */
@ApplicationScoped
public class Choices {

    /** How many latest statements a topic shows on the portal. */
    static final int LATEST = 3;

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** What the form's fields are called on the page, for messages about them. */
    private static final Map<String, String> LABELS = Map.of(
            "target", "Email address",
            "topics", "Topics",
            "mode", "How often",
            "timeZone", "Time zone");

    /** A statement under a topic: a link only to an http(s) page, the day it was published, the sentence. */
    public record Shown(String title, String url, String day, String evidence) {}

    /**
     * A topic as the pages show it: its summary (null when it has none) first, its description (what counts,
     * in full) on demand, its latest statements on the portal only.
     */
    public record TopicView(String id, String name, String summary, String description, List<Shown> latest) {}

    /** What the form holds (as typed, when it comes back with errors). */
    public record FormValues(String email, List<String> topics, String mode, String timeZone) {

        static FormValues typed(String email, List<String> topics, String mode, String timeZone) {
            return new FormValues(
                    email == null ? "" : email.strip(),
                    topics == null ? List.of() : topics,
                    mode == null ? "instant" : mode,
                    timeZone == null || timeZone.isBlank() ? "UTC" : timeZone.strip());
        }

        /** The API's request for these choices, as an email subscription. */
        SubscriptionRequest request() {
            return new SubscriptionRequest(
                    SubscriptionValidator.EMAIL, email, topics, null, null, null, mode, timeZone, null);
        }
    }

    private final TopicStore topics;
    private final TopicMatchStore matches;
    private final DispatcherConfig.Digest digests;

    Choices(TopicStore topics, TopicMatchStore matches, DispatcherConfig config) {
        this.topics = topics;
        this.matches = matches;
        this.digests = config.digest();
    }

    /** The topics to choose from, each with its latest statements when {@code withLatest}. */
    List<TopicView> topics(boolean withLatest) {
        return topics.all().stream()
                .map(t -> new TopicView(
                        t.id(), t.name(), t.summary(), t.description(), withLatest ? latest(t.id()) : List.of()))
                .toList();
    }

    private List<Shown> latest(String topicId) {
        return matches.latest(topicId, LATEST).stream()
                .map(m -> new Shown(
                        m.title(),
                        AtomFeed.isWebLink(m.url()) ? m.url() : null,
                        DAY.format(m.publishedAt()),
                        m.evidence()))
                .toList();
    }

    /** The data {@code web/choices.html} reads. */
    TemplateInstance fill(TemplateInstance page, List<TopicView> topics, FormValues form, List<String> errors) {
        return page.data("topics", topics)
                .data("form", form)
                .data("errors", errors)
                .data("digestHour", digests.hour())
                .data("digestDay", digests.weekday().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
    }

    /** The validator's field errors in a subscriber's words, each naming the field as the page does. */
    static List<String> errors(Problem problem, FormValues typed) {
        return problem.errors().stream()
                .map(error -> "topics".equals(error.field()) && typed.topics().isEmpty()
                        ? "Topics: choose at least one." // (the API's message speaks of ids and queries)
                        : LABELS.getOrDefault(error.field(), error.field()) + ": " + error.message())
                .toList();
    }
}
