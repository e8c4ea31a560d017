package org.advocacyalerts.dispatcher.api;

import jakarta.annotation.security.RolesAllowed;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.advocacyalerts.api.Cursor;
import org.advocacyalerts.api.Ids;
import org.advocacyalerts.api.Problem;
import org.advocacyalerts.api.ProblemException;
import org.advocacyalerts.api.access.AuditTrail;
import org.advocacyalerts.api.access.Caller;
import org.advocacyalerts.api.access.Roles;
import org.advocacyalerts.dispatcher.store.AlertStore;
import org.advocacyalerts.dispatcher.store.DeliveryStore;
import org.advocacyalerts.dispatcher.store.SubscriptionStore;
import org.advocacyalerts.support.Jdbc;

/**
 * Deliveries (one per alert): list them with every attempt and retry a failed one. Replaying a
 * subscription's failed deliveries is {@code POST /api/subscriptions/{id}/recover}. An integrator sees
 * the deliveries of its own subscriptions only.
 */
@Path("/api/deliveries")
@RolesAllowed({Roles.ADMIN, Roles.INTEGRATOR})
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryResource {

    /** held: waiting for a digest; digested: sent inside one. */
    public static final Set<String> STATUSES = Set.of("pending", "delivered", "failed", "held", "digested");

    static final int MAX_LIMIT = 500;

    private final DataSource dataSource;
    private final DeliveryStore deliveries;
    private final AlertStore alerts;
    private final SubscriptionStore subscriptions;
    private final Clock clock;
    private final Caller caller;
    private final AuditTrail audit;

    DeliveryResource(
            DataSource dataSource,
            DeliveryStore deliveries,
            AlertStore alerts,
            SubscriptionStore subscriptions,
            Clock clock,
            Caller caller,
            AuditTrail audit) {
        this.dataSource = dataSource;
        this.deliveries = deliveries;
        this.alerts = alerts;
        this.subscriptions = subscriptions;
        this.clock = clock;
        this.caller = caller;
        this.audit = audit;
    }

    @GET
    public Response list(
            @QueryParam("status") String status,
            @QueryParam("subscriptionId") String subscriptionId,
            @QueryParam("limit") String limit,
            @QueryParam("before") String before,
            @Context UriInfo uri) {
        Cursor cursor = Cursor.parse("before", before);
        List<Problem.FieldError> errors = new ArrayList<>();
        if (status != null && !STATUSES.contains(status)) {
            errors.add(new Problem.FieldError("status", "must be one of pending, delivered, failed, held, digested"));
        }
        UUID subscription = null;
        if (subscriptionId != null) {
            subscription = Ids.uuid(subscriptionId).orElse(null);
            if (subscription == null) {
                errors.add(new Problem.FieldError("subscriptionId", "must be a subscription id (a UUID)"));
            }
        }
        int max = 100;
        if (limit != null) {
            try {
                max = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                max = -1;
            }
            if (max < 1 || max > MAX_LIMIT) {
                errors.add(new Problem.FieldError("limit", "must be a number from 1 to " + MAX_LIMIT));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return Cursor.page(
                deliveries.list(status, subscription, caller.tenant().orElse(null), cursor, max),
                max,
                uri,
                d -> new Cursor(d.createdAt(), d.id()));
    }

    /** 202: the failed delivery is due again now (one more attempt; if it fails it is failed again). */
    @POST
    @Path("/{id}/retry")
    public Response retry(@PathParam("id") String id) {
        UUID alertId = Ids.uuid(id).orElseThrow(() -> ProblemException.notFound("delivery " + id));
        DeliveryStore.Delivery delivery = deliveries
                .find(alertId)
                .filter(d -> caller.admin()
                        || subscriptions
                                .find(d.subscriptionId())
                                .filter(s -> caller.sees(s.tenant()))
                                .isPresent())
                .orElseThrow(() -> ProblemException.notFound("delivery " + id));
        if (!"failed".equals(delivery.status())) {
            throw new ProblemException(Problem.of(
                    409,
                    "Not failed",
                    "delivery " + id + " is " + delivery.status() + "; only failed ones are retried"));
        }
        Jdbc.inTransaction(dataSource, c -> {
            subscriptions.reactivate(c, delivery.subscriptionId(), clock.instant());
            return alerts.requeueFailed(c, alertId, clock.instant());
        });
        audit.before(Map.of("id", id, "status", delivery.status(), "attempts", delivery.attempts()));
        Map<String, Object> retried = Map.of("id", id, "status", "pending");
        audit.after(retried);
        return Response.accepted(retried).build();
    }
}
