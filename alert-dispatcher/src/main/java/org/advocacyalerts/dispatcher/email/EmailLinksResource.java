package org.advocacyalerts.dispatcher.email;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
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
@PermitAll
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

    /**
     * RFC 8058's one-click POST. It unsubscribes whatever the client's {@code Accept} says (a mail
     * provider's unsubscribe robot may ask for JSON, or for nothing a page can be): the answer is a page,
     * JSON or plain text, whichever the client accepts, else no body at all.
     */
    @POST
    @Path("/unsubscribe/{token}")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.WILDCARD})
    @Produces(MediaType.WILDCARD)
    public Response unsubscribe(@PathParam("token") String token, String body, @Context HttpHeaders headers) {
        List<MediaType> accepted = headers.getAcceptableMediaTypes();
        Optional<UUID> subscription = tokens.verify(LinkTokens.Purpose.UNSUBSCRIBE, token);
        if (subscription.isEmpty()) {
            return answer(accepted, 400, "Link not valid", "This unsubscribe link is not valid.");
        }
        if (body == null || !ONE_CLICK.equals(body.strip())) {
            return answer(
                    accepted, 400, "Not unsubscribed", "An unsubscribe request must have the body " + ONE_CLICK + ".");
        }
        subscriptions.delete(subscription.get()); // gone already: the same answer, nothing to tell apart
        registry.reloadSubscriptionQueries();
        return answer(accepted, 200, "Unsubscribed", "You will receive no more of these alerts.");
    }

    /** The page if the client takes HTML, else JSON or plain text, else the status alone. */
    private Response answer(List<MediaType> accepted, int status, String title, String message) {
        if (takes(accepted, MediaType.TEXT_HTML_TYPE)) {
            return page(status, title, message, null);
        }
        if (takes(accepted, MediaType.APPLICATION_JSON_TYPE)) {
            return Response.status(status)
                    .entity(Map.of("title", title, "message", message))
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .build();
        }
        if (takes(accepted, MediaType.TEXT_PLAIN_TYPE)) {
            return Response.status(status)
                    .entity(title + ". " + message)
                    .type(MediaType.TEXT_PLAIN_TYPE)
                    .build();
        }
        return Response.status(status == 200 ? 204 : status).build();
    }

    private static boolean takes(List<MediaType> accepted, MediaType type) {
        return accepted.stream().anyMatch(a -> a.isCompatible(type));
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
