package org.advocacyalerts.dispatcher.api;

import io.vertx.core.http.HttpServerRequest;
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
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.advocacyalerts.api.Ids;
import org.advocacyalerts.api.ProblemException;
import org.advocacyalerts.api.access.AuditTrail;
import org.advocacyalerts.api.access.Caller;
import org.advocacyalerts.api.access.Roles;
import org.advocacyalerts.dispatcher.delivery.WebhookSecrets;
import org.advocacyalerts.dispatcher.match.TopicRegistry;
import org.advocacyalerts.dispatcher.store.AlertStore;
import org.advocacyalerts.dispatcher.store.Subscription;
import org.advocacyalerts.dispatcher.store.SubscriptionStore;
import org.advocacyalerts.dispatcher.subscription.Subscribing;
import org.advocacyalerts.support.Jdbc;

/**
 * {@code /api/subscriptions}: subscribe a webhook to topics, read it, delete it, and recover its failed
 * deliveries. An integrator manages its own subscriptions only; another tenant's answer 404, as if
 * they did not exist. Admins manage all.
 */
@Path("/api/subscriptions")
@RolesAllowed({Roles.ADMIN, Roles.INTEGRATOR})
@Produces(MediaType.APPLICATION_JSON)
public class SubscriptionResource {

    /** How long the secret before a rotation keeps signing beside the new one. */
    static final Duration PREVIOUS_SECRET_VALIDITY = Duration.ofHours(24);

    private final SubscriptionValidator validator;
    private final SubscriptionStore store;
    private final TopicRegistry registry;
    private final Clock clock;
    private final DataSource dataSource;
    private final AlertStore alerts;
    private final Caller caller;
    private final AuditTrail audit;
    private final Subscribing subscribing;

    SubscriptionResource(
            SubscriptionValidator validator,
            SubscriptionStore store,
            TopicRegistry registry,
            Clock clock,
            DataSource dataSource,
            AlertStore alerts,
            Caller caller,
            AuditTrail audit,
            Subscribing subscribing) {
        this.validator = validator;
        this.store = store;
        this.registry = registry;
        this.clock = clock;
        this.dataSource = dataSource;
        this.alerts = alerts;
        this.caller = caller;
        this.audit = audit;
        this.subscribing = subscribing;
    }

    /** The subscription if it exists and the caller may see it; else 404, the same for both. */
    private Subscription visible(String id) {
        return Ids.uuid(id)
                .flatMap(store::find)
                .filter(s -> caller.sees(s.tenant()))
                .orElseThrow(() -> ProblemException.notFound("subscription " + id));
    }

    /** 201 with the generated signing secret, shown only in this answer. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(SubscriptionRequest request, @Context UriInfo uri, @Context HttpServerRequest client) {
        Subscription subscription = subscribing.create(
                validator.validate(request),
                caller.ownerTenant(),
                client.remoteAddress() == null ? null : client.remoteAddress().hostAddress());
        if ("unconfirmed".equals(subscription.status())) {
            // 202: nothing is sent to the address but the confirmation until its link is opened.
            return Response.accepted(Map.of(
                            "id",
                            subscription.id().toString(),
                            "status",
                            "unconfirmed",
                            "detail",
                            "a confirmation email was sent to " + subscription.target()
                                    + "; alerts start when its link is opened (valid 7 days)"))
                    .build();
        }
        return Response.created(uri.getAbsolutePathBuilder()
                        .path(subscription.id().toString())
                        .build())
                .entity(subscription)
                .build();
    }

    @GET
    @Path("/{id}")
    public Subscription get(@PathParam("id") String id) {
        return visible(id).withoutSecret();
    }

    /**
     * A new signing secret, shown in this answer only. For 24 h webhooks carry two signatures, by the
     * new secret and the old one, so receivers can switch without losing any.
     */
    @POST
    @Path("/{id}/rotate-secret")
    public Map<String, Object> rotateSecret(@PathParam("id") String id) {
        UUID subscriptionId = visible(id).id();
        String secret = WebhookSecrets.generate();
        Instant previousUntil = clock.instant().plus(PREVIOUS_SECRET_VALIDITY);
        if (!store.rotateSecret(subscriptionId, secret, previousUntil)) {
            throw ProblemException.notFound("subscription " + id);
        }
        audit.after(Map.of("id", id, "previousSecretValidUntil", previousUntil.toString())); // not the secret
        return Map.of("id", id, "secret", secret, "previousSecretValidUntil", previousUntil.toString());
    }

    /**
     * The subscription's email links (confirm, unsubscribe) issued until now stop working: for a link
     * that was forwarded or leaked. Emails sent from now on carry new ones.
     */
    @POST
    @Path("/{id}/revoke-links")
    public Map<String, Object> revokeLinks(@PathParam("id") String id) {
        UUID subscriptionId = visible(id).id();
        Instant at = clock.instant();
        store.revokeLinks(subscriptionId, at);
        Map<String, Object> revoked = Map.of("id", id, "linksRevokedAt", at.toString());
        audit.after(revoked);
        return revoked;
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id) {
        Subscription existing = visible(id);
        audit.before(existing);
        if (!store.delete(existing.id())) {
            throw ProblemException.notFound("subscription " + id);
        }
        registry.reloadSubscriptionQueries();
        return Response.noContent().build();
    }

    /**
     * 202 with how many failed deliveries of the subscription since {@code since} are due again. A
     * disabled subscription (410 Gone, 5 days of failures) is active again: its owner says the
     * endpoint is back.
     */
    @POST
    @Path("/{id}/recover")
    public Response recover(@PathParam("id") String id, @QueryParam("since") String since) {
        Subscription before = visible(id);
        UUID subscriptionId = before.id();
        if (since == null || since.isBlank()) {
            throw ProblemException.invalid("since", "required: an ISO-8601 instant, e.g. 2026-11-28T00:00:00Z");
        }
        Instant from;
        try {
            from = Instant.parse(since);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid("since", "must be an ISO-8601 instant, e.g. 2026-11-28T00:00:00Z");
        }
        int requeued = Jdbc.inTransaction(dataSource, c -> {
            store.reactivate(c, subscriptionId, clock.instant());
            return alerts.requeueFailedSince(c, subscriptionId, from, clock.instant());
        });
        audit.before(before);
        Map<String, Object> recovered = Map.of("subscriptionId", id, "requeued", requeued);
        audit.after(recovered);
        return Response.accepted(recovered).build();
    }
}
