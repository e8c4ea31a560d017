package org.advocacyalerts.ingest.api;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.advocacyalerts.api.FieldErrors;
import org.advocacyalerts.api.Ids;
import org.advocacyalerts.api.ProblemException;
import org.advocacyalerts.ingest.config.IngestConfig;
import org.advocacyalerts.ingest.store.NewStatement;
import org.advocacyalerts.ingest.store.TextFrom;

/** Checks a statement from outside field by field and reports every bad field at once. */
@ApplicationScoped
public class StatementValidator {

    private static final int MAX_URL = 2048;
    private static final int MAX_TITLE = 1000;
    /** The whole request is capped at 1 MB; the body gets nearly all of it. */
    private static final int MAX_BODY = 1_000_000;

    private final Clock clock;
    private final IngestConfig config;

    StatementValidator(Clock clock, IngestConfig config) {
        this.clock = clock;
        this.config = config;
    }

    /** A normalised statement ready to store, or a 400 naming each bad field. */
    public NewStatement validate(StatementRequest request) {
        if (request == null) {
            throw ProblemException.invalid(
                    "body", "a JSON object with sourceId, url, title, body and publishedAt is required");
        }
        FieldErrors errors = new FieldErrors();
        if (errors.required("sourceId", request.sourceId())
                && !Ids.SOURCE_ID.matcher(request.sourceId()).matches()) {
            errors.add("sourceId", "must be 1-64 lowercase letters, digits, '.', '_' or '-'");
        }
        URI url = errors.httpUrl("url", request.url(), MAX_URL);
        if (errors.required("title", request.title())) {
            errors.maxLength("title", request.title(), MAX_TITLE);
            if (request.title().chars().anyMatch(Character::isISOControl)) {
                errors.add("title", "must not contain control characters");
            }
        }
        if (errors.required("body", request.body())) {
            errors.maxLength("body", request.body(), MAX_BODY);
            if (request.body().indexOf('\0') >= 0) {
                errors.add("body", "must not contain NUL characters");
            }
        }
        Instant publishedAt = publishedAt(request.publishedAt(), errors);
        String language = request.language() == null ? "en" : request.language();
        if (!Ids.LANGUAGE_TAG.matcher(language).matches()) {
            errors.add("language", "must be a language tag such as 'en', 'fr' or 'hy'");
        }
        errors.throwIfAny();
        return new NewStatement(
                request.sourceId(),
                url.toString(),
                request.title().strip(),
                request.body().strip(),
                language.toLowerCase(Locale.ROOT),
                publishedAt,
                TextFrom.API);
    }

    private Instant publishedAt(String value, FieldErrors errors) {
        if (!errors.required("publishedAt", value)) {
            return null;
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            errors.add("publishedAt", "must be an ISO-8601 date-time with offset, e.g. 2021-05-28T14:00:00Z");
            return null;
        }
        Instant latest = clock.instant().plus(config.publishedAtMaxFuture());
        if (instant.isAfter(latest)) {
            errors.add(
                    "publishedAt",
                    "must not lie more than " + config.publishedAtMaxFuture().toHours() + " hours in the future");
        }
        return instant;
    }
}
