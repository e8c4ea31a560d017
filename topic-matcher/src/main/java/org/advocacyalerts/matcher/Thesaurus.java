package org.advocacyalerts.matcher;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups of terms that mean the same to a subscriber ("POWs", "prisoners of war", "detainees"). A word,
 * exact phrase or wildcard of a query that belongs to a group is replaced by the whole group when the
 * query is registered, so the topic reads short and matches every variant. A member ending in {@code *}
 * is a wildcard ({@code ["Armenia*", "Armén*"]}: the query's {@code Armenia*} also finds "Arménie"); it
 * stands only for the same wildcard in a query, never for a word ({@code Armenia} is not in that group).
 */
public final class Thesaurus {

    public static final Thesaurus EMPTY = new Thesaurus(List.of());

    private final Map<String, List<String>> groupOf = new HashMap<>();
    /** A term written in more than one group, by its key, as spelled where it came back first. */
    private final Map<String, String> inSeveralGroups = new LinkedHashMap<>();

    public Thesaurus(List<List<String>> groups) {
        for (List<String> group : groups) {
            List<String> members = group.stream()
                    .filter(t -> t != null && !t.isBlank())
                    .map(String::strip)
                    .toList();
            for (String member : members) {
                String key = key(member);
                List<String> before = groupOf.get(key);
                if (before != null && before != members) {
                    // already in an earlier group (a repeat within this group finds this very list); a term
                    // in three groups is named once
                    inSeveralGroups.putIfAbsent(key, member);
                }
                groupOf.merge(key, members, Thesaurus::union);
            }
        }
    }

    /**
     * The terms written in more than one group (case, diacritics and punctuation aside), each once, as
     * spelled where it came back first. Such a term finds the members of all its groups: "Serbia" in a
     * list of third states that holds Georgia makes Georgia an alias of the query's Serbia. Topics refuse
     * them.
     */
    public List<String> inSeveralGroups() {
        return List.copyOf(inSeveralGroups.values());
    }

    /** Why a topic may not have these groups, or null when it may: the terms {@link #inSeveralGroups}. */
    public String problem() {
        return inSeveralGroups.isEmpty()
                ? null
                : "a term may be in one group only; in more than one: " + String.join(", ", inSeveralGroups.values());
    }

    /** The group {@code term} belongs to (a wildcard written with its star), or just the term. */
    List<String> variants(String term) {
        return groupOf.getOrDefault(key(term), List.of(term));
    }

    /**
     * The group {@code term} stands for when it is a member of one without being its first term, the
     * term a query names a group by; null otherwise. Such a term finds every member: "Karabakh" in a
     * group whose first term is "Azerbaijani side" also finds Baku and Tovuz, under a NOT as anywhere.
     */
    public List<String> standsFor(String term) {
        List<String> group = groupOf.get(key(term));
        return group == null || key(group.get(0)).equals(key(term)) ? null : group;
    }

    boolean contains(String term) {
        return groupOf.containsKey(key(term));
    }

    /** Whether a member of a group is a wildcard: {@code Armén*}. */
    static boolean isWildcard(String member) {
        return member.strip().endsWith("*");
    }

    /**
     * Terms compare by their exact analysis: case, diacritics and punctuation do not matter; a wildcard
     * keeps its star, so that {@code Armenia*} and the word {@code Armenia} are two terms.
     */
    private static String key(String term) {
        String stripped = term.strip();
        boolean wildcard = isWildcard(stripped);
        String text = wildcard ? stripped.substring(0, stripped.length() - 1) : stripped;
        return String.join(" ", Analysis.exact(text)) + (wildcard ? "*" : "");
    }

    private static List<String> union(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        b.stream().filter(t -> !all.contains(t)).forEach(all::add);
        return List.copyOf(all);
    }
}
