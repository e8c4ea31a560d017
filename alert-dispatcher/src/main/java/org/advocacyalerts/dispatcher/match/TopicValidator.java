package org.advocacyalerts.dispatcher.match;

import java.util.List;
import java.util.regex.Pattern;
import org.advocacyalerts.api.FieldErrors;
import org.advocacyalerts.matcher.QuerySyntaxException;
import org.advocacyalerts.matcher.Thesaurus;

/** What makes a topic valid, for seeds and the API alike. */
public final class TopicValidator {

    /** Topic ids: lowercase letters, digits and '-'; never ':', which marks subscription queries. */
    public static final Pattern TOPIC_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    /** Alias groups are a thesaurus, not a second query language: keep them small. */
    static final int MAX_ALIAS_GROUPS = 50;

    /** A group may be a list (other countries, other conflicts); all groups together stay as small as before. */
    static final int MAX_GROUP_SIZE = 100;

    static final int MAX_ALIAS_TERMS = 1500;

    /** What a subscriber reads first on the portal, beside the topic's name: a sentence or two. */
    public static final int MAX_SUMMARY = 300;

    /** What a topic's description may hold, in characters: the rules of a topic in full. */
    public static final int MAX_DESCRIPTION = 4000;

    private TopicValidator() {}

    /** Every problem of the topic, by field. */
    public static FieldErrors check(Topic topic, TopicRegistry registry) {
        FieldErrors errors = new FieldErrors();
        if (topic.id() == null || !TOPIC_ID.matcher(topic.id()).matches()) {
            errors.add("id", "must be 1-64 lowercase letters, digits or '-'");
        }
        if (errors.required("name", topic.name())) {
            errors.maxLength("name", topic.name(), 200);
        }
        if (topic.summary() != null) {
            errors.maxLength("summary", topic.summary(), MAX_SUMMARY);
        }
        if (errors.required("description", topic.description())) {
            errors.maxLength("description", topic.description(), MAX_DESCRIPTION);
        }
        List<List<String>> aliases = topic.aliases();
        if (aliasesValid(aliases, errors) && errors.required("query", topic.query())) {
            try {
                registry.compileTopic(topic.query(), aliases);
            } catch (QuerySyntaxException e) {
                errors.add("query", e.describe());
            }
        }
        return errors;
    }

    /**
     * Whether alias groups are a small thesaurus (at most 50 groups of 2-100 non-empty terms of at most
     * 200 characters, 1,500 terms in all, none in two groups); if not, says so under {@code aliases}. For topics, and for the
     * unsaved aliases a backtest or an evaluation tries.
     */
    public static boolean aliasesValid(List<List<String>> aliases, FieldErrors errors) {
        if (aliases.size() > MAX_ALIAS_GROUPS
                || aliases.stream().anyMatch(g -> g == null || g.size() < 2 || g.size() > MAX_GROUP_SIZE)) {
            errors.add("aliases", "must be at most " + MAX_ALIAS_GROUPS + " groups of 2-" + MAX_GROUP_SIZE + " terms");
            return false;
        }
        if (aliases.stream().mapToInt(List::size).sum() > MAX_ALIAS_TERMS) {
            errors.add("aliases", "must hold at most " + MAX_ALIAS_TERMS + " terms in all");
            return false;
        }
        if (aliases.stream().flatMap(List::stream).anyMatch(t -> t == null || t.isBlank() || t.length() > 200)) {
            errors.add("aliases", "terms must be non-empty and at most 200 characters");
            return false;
        }
        String shared = new Thesaurus(aliases).problem();
        if (shared != null) {
            errors.add("aliases", shared);
            return false;
        }
        return true;
    }

    /** The first problem in one line, or null: for seed files. */
    public static String problem(Topic topic, TopicRegistry registry) {
        FieldErrors errors = check(topic, registry);
        return errors.isEmpty() ? null : errors.toString();
    }
}
