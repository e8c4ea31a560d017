package org.advocacyalerts.ingest.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.advocacyalerts.api.Cursor;
import org.advocacyalerts.api.FieldErrors;
import org.advocacyalerts.api.Ids;
import org.advocacyalerts.api.Problem;
import org.advocacyalerts.api.ProblemException;
import org.advocacyalerts.api.access.Caller;
import org.advocacyalerts.api.access.NotAChange;
import org.advocacyalerts.api.access.Roles;
import org.advocacyalerts.ingest.intake.StatementService;
import org.advocacyalerts.ingest.intake.StatementService.Accepted;
import org.advocacyalerts.ingest.store.NewStatement;
import org.advocacyalerts.ingest.store.StatementStore;
import org.advocacyalerts.ingest.store.TextFrom;
import org.advocacyalerts.model.Statement;

/**
 * {@code /api/statements}: accept a statement (admins, and publishers for their own sources), read one,
 * list the newest (any credential: statements are public texts).
 */
@Path("/api/statements")
@RolesAllowed({Roles.ADMIN, Roles.PUBLISHER, Roles.INTEGRATOR})
@Produces(MediaType.APPLICATION_JSON)
public class StatementResource {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    private final StatementValidator validator;
    private final StatementService service;
    private final StatementStore store;
    private final Caller caller;

    StatementResource(StatementValidator validator, StatementService service, StatementStore store, Caller caller) {
        this.validator = validator;
        this.service = service;
        this.store = store;
        this.caller = caller;
    }

    /** 201 with Location for a new statement; 200 with the stored one when url and text were seen before. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.PUBLISHER})
    @NotAChange
    public Response accept(StatementRequest request, @Context UriInfo uri) {
        NewStatement valid = validator.validate(request);
        if (!caller.mayPublishFor(valid.sourceId())) {
            throw new ProblemException(Problem.of(
                    403, "Forbidden", "your credential may not post statements of source " + valid.sourceId()));
        }
        Accepted accepted = service.accept(valid);
        if (!accepted.created()) {
            return Response.ok(accepted.statement()).build();
        }
        return Response.created(uri.getAbsolutePathBuilder()
                        .path(accepted.statement().id().toString())
                        .build())
                .entity(accepted.statement())
                .build();
    }

    /** A statement with its revision history: its current text, and each change as a unified diff. */
    public record StatementDetail(
            @JsonUnwrapped Statement statement,
            List<StatementStore.Revision> revisions,

            @JsonInclude(JsonInclude.Include.NON_NULL) TextFrom textFrom) {}

    @GET
    @Path("/{id}")
    public StatementDetail get(@PathParam("id") String id) {
        Statement s = Ids.uuid(id).flatMap(store::find).orElseThrow(() -> ProblemException.notFound("statement " + id));
        return new StatementDetail(
                s, store.revisions(s.id()), store.textFrom(s.id()).orElse(null));
    }

    @GET
    public Response list(
            @QueryParam("since") String since,
            @QueryParam("limit") String limit,
            @QueryParam("sourceId") String sourceId,
            @QueryParam("before") String before,
            @Context UriInfo uri) {
        Cursor cursor = Cursor.parse("before", before);
        FieldErrors errors = new FieldErrors();
        if (sourceId != null && !Ids.SOURCE_ID.matcher(sourceId).matches()) {
            errors.add("sourceId", "must be 1-64 lowercase letters, digits, '.', '_' or '-'");
        }
        Optional<Instant> from = Optional.empty();
        if (since != null) {
            try {
                from = Optional.of(OffsetDateTime.parse(since).toInstant());
            } catch (DateTimeParseException e) {
                errors.add("since", "must be an ISO-8601 date-time with offset, e.g. 2021-05-01T00:00:00Z");
            }
        }
        int max = DEFAULT_LIMIT;
        if (limit != null) {
            try {
                max = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                max = -1;
            }
            if (max < 1 || max > MAX_LIMIT) {
                errors.add("limit", "must be a whole number from 1 to " + MAX_LIMIT);
            }
        }
        errors.throwIfAny();
        return Cursor.page(
                store.list(Optional.ofNullable(sourceId), from, cursor, max),
                max,
                uri,
                s -> new Cursor(s.publishedAt(), s.id()));
    }
}
