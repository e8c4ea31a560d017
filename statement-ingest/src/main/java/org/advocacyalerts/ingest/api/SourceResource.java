package org.advocacyalerts.ingest.api;

import io.quarkus.logging.Log;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.advocacyalerts.api.Cursor;
import org.advocacyalerts.api.Paging;
import org.advocacyalerts.api.Problem;
import org.advocacyalerts.api.ProblemException;
import org.advocacyalerts.api.access.AuditTrail;
import org.advocacyalerts.api.access.Roles;
import org.advocacyalerts.api.limits.Concurrency;
import org.advocacyalerts.api.limits.LimitsConfig;
import org.advocacyalerts.api.limits.TooManyRequests;
import org.advocacyalerts.ingest.source.Source;
import org.advocacyalerts.ingest.source.SourcePoller;
import org.advocacyalerts.ingest.store.SourceStore;

/** {@code /api/sources}: the feeds statement-ingest watches, their health, and polling on demand. */
@Path("/api/sources")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class SourceResource {

    private final SourceStore store;
    private final SourceValidator validator;
    private final SourcePoller poller;
    private final Clock clock;
    private final AuditTrail audit;
    private final Concurrency concurrency;
    private final LimitsConfig limits;

    /** Polls on demand run here, not on the request's thread; the permits bound how many at once. */
    private final ExecutorService background = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "poll-on-demand");
        thread.setDaemon(true);
        return thread;
    });

    SourceResource(
            SourceStore store,
            SourceValidator validator,
            SourcePoller poller,
            Clock clock,
            AuditTrail audit,
            Concurrency concurrency,
            LimitsConfig limits) {
        this.store = store;
        this.validator = validator;
        this.poller = poller;
        this.clock = clock;
        this.audit = audit;
        this.concurrency = concurrency;
        this.limits = limits;
    }

    static final int MAX_PAGE = 500;

    /** By id, a page at a time: {@code ?after=<last id>}; the next page's address is in {@code Link}. */
    @GET
    public Response list(@QueryParam("after") String after, @QueryParam("limit") String limit, @Context UriInfo uri) {
        int max = Paging.limit(limit, 100, MAX_PAGE);
        return Cursor.page(store.list(after, max), max, uri, "after", Source::id);
    }

    @GET
    @Path("/{id}")
    public Source get(@PathParam("id") String id) {
        return store.find(id).orElseThrow(() -> ProblemException.notFound("source " + id));
    }

    /** 201 with Location; 409 when the id is taken (PUT replaces). The new source is polled at once. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(SourceRequest request, @Context UriInfo uri) {
        Source source = validator.validate(request, null);
        if (!store.insert(source, false, clock.instant())) {
            throw new ProblemException(Problem.of(
                    409,
                    "Conflict",
                    "source " + source.id() + " exists; PUT /api/sources/" + source.id() + " replaces it"));
        }
        Source created = get(source.id());
        audit.after(created);
        return Response.created(uri.getAbsolutePathBuilder().path(source.id()).build())
                .entity(created)
                .build();
    }

    /** Creates (201) or replaces (200) the source's configuration; its status and items stay. */
    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response put(@PathParam("id") String id, SourceRequest request, @Context UriInfo uri) {
        Source source = validator.validate(request, id);
        store.find(id).ifPresent(audit::before);
        if (store.update(source, clock.instant())) {
            audit.after(get(id));
            return Response.ok(get(id)).build();
        }
        if (store.insert(source, false, clock.instant())) {
            audit.after(get(id));
            return Response.created(uri.getAbsolutePath()).entity(get(id)).build();
        }
        return Response.ok(get(id)).build(); // created by a concurrent PUT a moment ago
    }

    /** Stops watching the source; the statements it produced stay. */
    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id) {
        store.find(id).ifPresent(audit::before);
        if (!store.delete(id)) {
            throw ProblemException.notFound("source " + id);
        }
        return Response.noContent().build();
    }

    /**
     * Polls now, in the background: 202 at once with the source as it is; {@code status.lastPollAt}
     * changes when the poll is done (a poll already under way is waited for, up to 30 s). At most
     * {@code alerts.limits.polls-now} run at once on a replica; one more answers 429.
     */
    @POST
    @Path("/{id}/poll")
    public Response poll(@PathParam("id") String id, @Context UriInfo uri) {
        Source source = get(id);
        Concurrency.Permit permit = concurrency.enter("polls on demand", limits.pollsNow());
        try {
            background.execute(() -> {
                try (permit) {
                    if (poller.pollNow(id, Duration.ofSeconds(30)).isEmpty()) {
                        Log.infof("poll of source %s on demand skipped: another poll held it for 30 s", id);
                    }
                } catch (RuntimeException e) {
                    Log.warnf("poll of source %s on demand failed: %s", id, e.getMessage());
                }
            });
        } catch (RejectedExecutionException e) {
            permit.close();
            throw new TooManyRequests("polls on demand are not taken now; send it again in a moment", 2);
        }
        return Response.accepted(source)
                .location(uri.getBaseUriBuilder().path("api/sources").path(id).build())
                .build();
    }

    /**
     * Imports every item now in the feed that was not seen before as history: stored and published
     * with {@code backfill=true}, so the dispatcher keeps it for backtests and alerts nobody. Answers
     * {@code 202} at once; {@code status.backfill} shows {@code done} of {@code total} until they are equal.
     */
    @POST
    @Path("/{id}/backfill")
    public Response backfill(@PathParam("id") String id) {
        get(id);
        if (!poller.backfill(id, Duration.ofSeconds(30))) {
            throw new ProblemException(Problem.of(
                    409, "Conflict", "source " + id + " is still being polled after 30 s; try again shortly"));
        }
        return Response.accepted(get(id)).build();
    }
}
