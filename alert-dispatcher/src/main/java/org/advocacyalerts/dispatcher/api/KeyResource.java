package org.advocacyalerts.dispatcher.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;
import org.advocacyalerts.api.FieldErrors;
import org.advocacyalerts.api.Ids;
import org.advocacyalerts.api.Paging;
import org.advocacyalerts.api.ProblemException;
import org.advocacyalerts.api.access.ApiKey;
import org.advocacyalerts.api.access.ApiKeyStore;
import org.advocacyalerts.api.access.ApiKeyTokens;
import org.advocacyalerts.api.access.ApiKeyVerifier;
import org.advocacyalerts.api.access.AuditTrail;
import org.advocacyalerts.api.access.Roles;

/**
 * {@code /api/keys}: API keys for machine clients (admins only). The key is in the answer that creates
 * it and nowhere else; only its hash is stored. A revoked key stops working at once on this replica and
 * within {@code alerts.access.cache-ttl} (30 s) on every other, of both services.
 */
@Path("/api/keys")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class KeyResource {

    /** The body of {@code POST /api/keys}; {@code sourceIds} for a publisher only, {@code expiresAt} optional. */
    public record KeyRequest(String name, String role, String owner, List<String> sourceIds, String expiresAt) {}

    /** A page of keys and the cursor of the next one (absent on the last page). */
    public record KeyPage(List<ApiKey> keys, String next) {}

    static final int MAX_PAGE = 200;

    /** Owners name tenants in queries and in the audit log: short, printable, no spaces. */
    private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9._@-]{1,100}");

    private final ApiKeyStore store;
    private final ApiKeyVerifier verifier;
    private final Clock clock;
    private final AuditTrail audit;

    KeyResource(ApiKeyStore store, ApiKeyVerifier verifier, Clock clock, AuditTrail audit) {
        this.store = store;
        this.verifier = verifier;
        this.clock = clock;
        this.audit = audit;
    }

    /** 201 with the key ({@code key}), shown in this answer only. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(KeyRequest request, @Context UriInfo uri) {
        ApiKey key = validate(request);
        String token = ApiKeyTokens.generate();
        store.insert(key, ApiKeyTokens.hash(token));
        audit.after(key); // without the key itself
        return Response.created(uri.getAbsolutePathBuilder().path(key.id()).build())
                .entity(key.withKey(token))
                .build();
    }

    @GET
    public KeyPage list(@QueryParam("after") String after, @QueryParam("limit") String limit) {
        int max = Paging.limit(limit, 50, MAX_PAGE);
        List<ApiKey> page = store.page(after, max + 1);
        return page.size() > max
                ? new KeyPage(page.subList(0, max), page.get(max - 1).id())
                : new KeyPage(page, null);
    }

    @GET
    @Path("/{id}")
    public ApiKey get(@PathParam("id") String id) {
        return store.find(id).orElseThrow(() -> ProblemException.notFound("key " + id));
    }

    /** 204: revoked (for good; a new key is a new key). 404 when unknown or revoked already. */
    @DELETE
    @Path("/{id}")
    public Response revoke(@PathParam("id") String id) {
        store.find(id).ifPresent(audit::before);
        if (!store.revoke(id, clock.instant())) {
            throw ProblemException.notFound("key " + id + " (or it was revoked already)");
        }
        verifier.forgetAll();
        return Response.noContent().build();
    }

    private ApiKey validate(KeyRequest request) {
        FieldErrors errors = new FieldErrors();
        if (request == null) {
            errors.add("body", "a JSON object with name, role and owner is required")
                    .throwIfAny();
        }
        if (errors.required("name", request.name())) {
            errors.maxLength("name", request.name(), 100);
        }
        if (errors.required("role", request.role()) && !Roles.ALL.contains(request.role())) {
            errors.add("role", "must be admin, publisher or integrator");
        }
        if (errors.required("owner", request.owner())
                && !OWNER.matcher(request.owner()).matches()) {
            errors.add("owner", "1 to 100 letters, digits, '.', '_', '@' or '-' (an integrator's owner is its tenant)");
        }
        List<String> sources = request.sourceIds() == null ? List.of() : request.sourceIds();
        if (Roles.PUBLISHER.equals(request.role()) && sources.isEmpty()) {
            errors.add("sourceIds", "a publisher key needs the source ids it may post statements for");
        } else if (!Roles.PUBLISHER.equals(request.role()) && !sources.isEmpty()) {
            errors.add("sourceIds", "only publisher keys have source ids");
        }
        if (sources.size() > 100
                || sources.stream()
                        .anyMatch(s -> s == null || !Ids.SOURCE_ID.matcher(s).matches())) {
            errors.add("sourceIds", "at most 100 source ids, each 1-64 lowercase letters, digits, '.', '_' or '-'");
        }
        Instant now = clock.instant();
        Instant expires = null;
        if (request.expiresAt() != null) {
            try {
                expires = Instant.parse(request.expiresAt());
                if (!expires.isAfter(now)) {
                    errors.add("expiresAt", "must be in the future");
                }
            } catch (DateTimeParseException e) {
                errors.add("expiresAt", "must be an ISO-8601 instant, e.g. 2027-06-30T00:00:00Z");
            }
        }
        errors.throwIfAny();
        return new ApiKey(
                ApiKeyTokens.newId(),
                request.name().strip(),
                request.role(),
                request.owner(),
                sources,
                now,
                expires,
                null,
                null,
                null);
    }
}
