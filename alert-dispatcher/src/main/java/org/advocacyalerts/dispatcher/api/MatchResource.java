package org.advocacyalerts.dispatcher.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.advocacyalerts.api.FieldErrors;
import org.advocacyalerts.api.access.Caller;
import org.advocacyalerts.api.access.NotAChange;
import org.advocacyalerts.api.access.Roles;
import org.advocacyalerts.api.limits.Concurrency;
import org.advocacyalerts.api.limits.LimitsConfig;
import org.advocacyalerts.dispatcher.match.TopicRegistry;
import org.advocacyalerts.dispatcher.store.Candidate;
import org.advocacyalerts.dispatcher.store.SubscriptionStore;
import org.advocacyalerts.model.Statement;
import org.advocacyalerts.model.TopicMatch;
import org.advocacyalerts.support.Jdbc;

/**
 * {@code POST /api/match}: a dry run, which topics (and subscriptions) a text would alert, and why. An
 * integrator sees its own subscriptions among those alerted, no others.
 */
@Path("/api/match")
@RolesAllowed({Roles.ADMIN, Roles.INTEGRATOR})
@Produces(MediaType.APPLICATION_JSON)
public class MatchResource {

    /** A statement to try; only title and body are required. */
    public record MatchRequest(String title, String body, String language, String sourceId) {}

    /** The topics matched with their evidence, and with {@code ?subscriptions=true} who would be alerted. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MatchResponse(List<TopicMatch> matches, List<UUID> subscriptions) {}

    /** Statements are capped at 1 MB by ingest; the dry run accepts the same. */
    private static final int MAX_TEXT = 1_000_000;

    private final TopicRegistry topics;
    private final SubscriptionStore subscriptions;
    private final DataSource dataSource;
    private final Caller caller;
    private final Concurrency concurrency;
    private final LimitsConfig limits;

    MatchResource(
            TopicRegistry topics,
            SubscriptionStore subscriptions,
            DataSource dataSource,
            Caller caller,
            Concurrency concurrency,
            LimitsConfig limits) {
        this.topics = topics;
        this.subscriptions = subscriptions;
        this.dataSource = dataSource;
        this.caller = caller;
        this.concurrency = concurrency;
        this.limits = limits;
    }

    @POST
    @NotAChange
    @Consumes(MediaType.APPLICATION_JSON)
    public MatchResponse match(MatchRequest request, @QueryParam("subscriptions") boolean withSubscriptions) {
        FieldErrors errors = new FieldErrors();
        if (request == null) {
            errors.add("body", "a JSON object with title and body is required");
            errors.throwIfAny();
        }
        errors.required("title", request.title());
        errors.maxLength("title", request.title(), 1000);
        errors.required("body", request.body());
        errors.maxLength("body", request.body(), MAX_TEXT);
        errors.throwIfAny();
        try (Concurrency.Permit running = concurrency.enter("dry runs", limits.dryRuns())) {
            return dryRun(request, withSubscriptions);
        }
    }

    private MatchResponse dryRun(MatchRequest request, boolean withSubscriptions) {
        Statement statement = new Statement(
                UUID.randomUUID(),
                request.sourceId() == null ? "dry-run" : request.sourceId(),
                "https://dry-run.invalid/",
                request.title(),
                request.body(),
                request.language() == null ? "en" : request.language(),
                Instant.EPOCH,
                Instant.EPOCH,
                "");
        TopicRegistry.Matches matches = topics.match(statement);
        if (!withSubscriptions || matches.isEmpty()) {
            return new MatchResponse(matches.topics(), withSubscriptions ? List.of() : null);
        }
        List<String> ids = matches.topics().stream().map(TopicMatch::topic).toList();
        Instant now = Instant.now(); // as if accepted now: who would be alerted
        List<UUID> alerted = Jdbc.inTransaction(
                        dataSource,
                        c -> subscriptions.candidates(
                                c,
                                ids,
                                matches.subscriptionQueries().keySet(),
                                statement.sourceId(),
                                statement.language(),
                                now,
                                now))
                .stream()
                .map(Candidate::id)
                .toList();
        return new MatchResponse(
                matches.topics(), caller.admin() ? alerted : subscriptions.ownedBy(caller.ownerTenant(), alerted));
    }
}
