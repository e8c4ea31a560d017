package org.advocacyalerts.ingest.api;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Set;
import org.advocacyalerts.api.FieldErrors;
import org.advocacyalerts.api.Ids;
import org.advocacyalerts.api.ProblemException;
import org.advocacyalerts.ingest.article.ArticleExtractor;
import org.advocacyalerts.ingest.config.IngestConfig;
import org.advocacyalerts.ingest.source.Source;

/** Checks a source from outside field by field and reports every bad field at once. */
@ApplicationScoped
public class SourceValidator {

    static final Set<String> TYPES = Set.of("rss", "atom", "jsonfeed", "auto");
    static final int DEFAULT_INTERVAL = 300;
    static final int MAX_INTERVAL = 86_400;

    private final IngestConfig config;

    SourceValidator(IngestConfig config) {
        this.config = config;
    }

    /** @param pathId the id in the URL (PUT), or null (POST: the body names it) */
    public Source validate(SourceRequest request, String pathId) {
        if (request == null) {
            throw ProblemException.invalid("body", "a JSON object with id, name and url is required");
        }
        FieldErrors errors = new FieldErrors();
        String id = pathId != null ? pathId : request.id();
        if (pathId != null && request.id() != null && !request.id().equals(pathId)) {
            errors.add("id", "must match the id in the URL (" + pathId + ") or be left out");
        } else if (errors.required("id", id) && !Ids.SOURCE_ID.matcher(id).matches()) {
            errors.add("id", "must be 1-64 lowercase letters, digits, '.', '_' or '-'");
        }
        if (errors.required("name", request.name())) {
            errors.maxLength("name", request.name(), 200);
        }
        var url = errors.httpUrl("url", request.url(), 2048);
        String type = request.type() == null ? "auto" : request.type().toLowerCase(Locale.ROOT);
        if (!TYPES.contains(type)) {
            errors.add("type", "must be rss, atom, jsonfeed or auto");
        }
        int minimum = (int) config.poll().minInterval().toSeconds();
        int interval = request.pollIntervalSeconds() == null ? DEFAULT_INTERVAL : request.pollIntervalSeconds();
        if (interval < minimum || interval > MAX_INTERVAL) {
            errors.add("pollIntervalSeconds", "must be between " + minimum + " and " + MAX_INTERVAL + " seconds");
        }
        String language = request.language() == null ? "en" : request.language();
        if (!Ids.LANGUAGE_TAG.matcher(language).matches()) {
            errors.add("language", "must be a language tag such as 'en', 'fr' or 'hy'");
        }
        String selector =
                request.articleSelector() == null || request.articleSelector().isBlank()
                        ? null
                        : request.articleSelector().strip();
        if (selector != null) {
            errors.maxLength("articleSelector", selector, 500);
            try {
                ArticleExtractor.checkSelector(selector);
            } catch (IllegalArgumentException e) {
                errors.add("articleSelector", "is not a valid CSS selector: " + e.getMessage());
            }
        }
        errors.throwIfAny();
        return new Source(
                id,
                request.name().strip(),
                url.toString(),
                type,
                interval,
                language.toLowerCase(Locale.ROOT),
                selector,
                null);
    }
}
