package org.advocacyalerts.dispatcher.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.util.UUID;
import org.advocacyalerts.api.Ids;
import org.advocacyalerts.api.ProblemException;
import org.advocacyalerts.dispatcher.delivery.WebhookSecrets;
import org.advocacyalerts.dispatcher.match.TopicRegistry;
import org.advocacyalerts.dispatcher.store.Subscription;
import org.advocacyalerts.dispatcher.store.SubscriptionStore;

/** {@code /api/subscriptions}: subscribe a webhook to topics, read it, delete it. */
@Path("/api/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
public class SubscriptionResource {

    private final SubscriptionValidator validator;
    private final SubscriptionStore store;
    private final TopicRegistry registry;
    private final Clock clock;

    SubscriptionResource(
            SubscriptionValidator validator, SubscriptionStore store, TopicRegistry registry, Clock clock) {
        this.validator = validator;
        this.store = store;
        this.registry = registry;
        this.clock = clock;
    }

    /** 201 with the generated signing secret, shown only in this answer. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(SubscriptionRequest request, @Context UriInfo uri) {
        SubscriptionRequest valid = validator.validate(request);
        Subscription subscription = new Subscription(
                UUID.randomUUID(),
                valid.channel(),
                valid.target(),
                valid.topics(),
                valid.query(),
                valid.sourceIds(),
                valid.languages(),
                "active",
                clock.instant(),
                WebhookSecrets.generate());
        store.insert(subscription);
        if (subscription.query() != null) {
            registry.reloadSubscriptionQueries(); // this replica at once; others within their refresh interval
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
        return Ids.uuid(id)
                .flatMap(store::find)
                .map(Subscription::withoutSecret)
                .orElseThrow(() -> ProblemException.notFound("subscription " + id));
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id) {
        if (!Ids.uuid(id).map(store::delete).orElse(false)) {
            throw ProblemException.notFound("subscription " + id);
        }
        registry.reloadSubscriptionQueries();
        return Response.noContent().build();
    }
}
