package org.advocacyalerts.dispatcher.email;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.UUID;
import org.advocacyalerts.dispatcher.match.TopicRegistry;
import org.advocacyalerts.dispatcher.store.SubscriptionStore;

/**
 * The pages behind email links: confirming a subscription, and unsubscribing (RFC 8058: a POST with
 * exactly {@code List-Unsubscribe=One-Click} unsubscribes without a login; a GET shows a page asking
 * to confirm, so a mail scanner opening the link unsubscribes nobody).
 */
@Path("/email")
@Produces(MediaType.TEXT_HTML)
public class EmailLinksResource {

    static final String ONE_CLICK = "List-Unsubscribe=One-Click";

    private final LinkTokens tokens;
    private final Confirmations confirmations;
    private final SubscriptionStore subscriptions;
    private final TopicRegistry registry;
    private final Template page;

    EmailLinksResource(
            LinkTokens tokens,
            Confirmations confirmations,
            SubscriptionStore subscriptions,
            TopicRegistry registry,
            @Location("email/page.html") Template page) {
        this.tokens = tokens;
        this.confirmations = confirmations;
        this.subscriptions = subscriptions;
        this.registry = registry;
        this.page = page;
    }

    @GET
    @Path("/confirm/{token}")
    public Response confirm(@PathParam("token") String token) {
        Optional<UUID> subscription = tokens.verify(LinkTokens.Purpose.CONFIRM, token);
        if (subscription.isEmpty()) {
            return page(
                    400,
                    "Link not valid",
                    "This confirmation link is not valid or has expired (links last 7"
                            + " days). Subscribe again to get a new one.",
                    null);
        }
        if (confirmations.confirm(subscription.get())) {
            registry.reloadSubscriptionQueries(); // an own query starts matching now
            return page(200, "Subscription confirmed", "You will receive alerts at this address.", null);
        }
        if (confirmations.isActive(subscription.get())) {
            return page(200, "Subscription confirmed", "This subscription was already confirmed.", null);
        }
        return page(410, "Subscription gone", "This subscription no longer exists. Subscribe again.", null);
    }

    @GET
    @Path("/unsubscribe/{token}")
    public Response askToUnsubscribe(@PathParam("token") String token) {
        if (tokens.verify(LinkTokens.Purpose.UNSUBSCRIBE, token).isEmpty()) {
            return page(400, "Link not valid", "This unsubscribe link is not valid.", null);
        }
        return page(200, "Stop these alerts?", "Press the button to stop receiving these alerts.", token);
    }

    @POST
    @Path("/unsubscribe/{token}")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.WILDCARD})
    public Response unsubscribe(@PathParam("token") String token, String body) {
        Optional<UUID> subscription = tokens.verify(LinkTokens.Purpose.UNSUBSCRIBE, token);
        if (subscription.isEmpty()) {
            return page(400, "Link not valid", "This unsubscribe link is not valid.", null);
        }
        if (body == null || !ONE_CLICK.equals(body.strip())) {
            return page(400, "Not unsubscribed", "An unsubscribe request must have the body " + ONE_CLICK + ".", null);
        }
        subscriptions.delete(subscription.get()); // gone already: the same answer, nothing to tell apart
        registry.reloadSubscriptionQueries();
        return page(200, "Unsubscribed", "You will receive no more of these alerts.", null);
    }

    private Response page(int status, String title, String message, String unsubscribeToken) {
        String html = page.data("title", title)
                .data("message", message)
                .data("form", unsubscribeToken == null ? null : "/email/unsubscribe/" + unsubscribeToken)
                .render();
        return Response.status(status)
                .entity(html)
                .type(MediaType.TEXT_HTML_TYPE)
                .build();
    }
}
