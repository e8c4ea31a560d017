package org.advocacyalerts.dispatcher.api;

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
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.advocacyalerts.dispatcher.email.Confirmations;
import org.advocacyalerts.dispatcher.email.ContactVerification;
import org.advocacyalerts.dispatcher.email.LinkTokens;
import org.advocacyalerts.dispatcher.match.TopicRegistry;
import org.advocacyalerts.dispatcher.store.Subscription;
import org.advocacyalerts.dispatcher.store.SubscriptionStore;

/**
 * The pages behind email links: confirming a subscription, and unsubscribing (an email subscriber's
 * link leads to the page that manages the alerts, {@code ManageResource}; RFC 8058: a POST with
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
    private final ContactVerification contacts;

    EmailLinksResource(
            LinkTokens tokens,
            Confirmations confirmations,
            SubscriptionStore subscriptions,
            TopicRegistry registry,
            @Location("email/page.html") Template page,
            ContactVerification contacts) {
        this.tokens = tokens;
        this.confirmations = confirmations;
        this.subscriptions = subscriptions;
        this.registry = registry;
        this.page = page;
        this.contacts = contacts;
    }

    /**
     * The link of a confirmation email opens a page whose button confirms (a POST): a mail scanner that
     * opens every link confirms nothing.
     */
    @GET
    @Path("/confirm/{token}")
    public Response askToConfirm(@PathParam("token") String token) {
        if (tokens.verify(LinkTokens.Purpose.CONFIRM, token).isEmpty()) {
            return invalidConfirmation();
        }
        return page(
                200,
                "Confirm your subscription",
                "Press the button to start receiving these alerts at this address.",
                new Form("/email/confirm/" + token, "Confirm", false));
    }

    @POST
    @Path("/confirm/{token}")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.WILDCARD})
    public Response confirm(@PathParam("token") String token) {
        Optional<UUID> subscription = tokens.verify(LinkTokens.Purpose.CONFIRM, token);
        if (subscription.isEmpty()) {
            return invalidConfirmation();
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

    /** The link of a contact's verification email: a page whose button verifies (a POST). */
    @GET
    @Path("/verify-contact/{token}")
    public Response askToVerifyContact(@PathParam("token") String token) {
        if (tokens.verify(LinkTokens.Purpose.VERIFY_CONTACT, token).isEmpty()) {
            return invalidConfirmation();
        }
        return page(
                200,
                "Send notices to this address?",
                "Press the button to receive a notice here if these webhook alerts stop.",
                new Form("/email/verify-contact/" + token, "Yes, send notices here", false));
    }

    @POST
    @Path("/verify-contact/{token}")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.WILDCARD})
    public Response verifyContact(@PathParam("token") String token) {
        Optional<UUID> subscription = tokens.verify(LinkTokens.Purpose.VERIFY_CONTACT, token);
        if (subscription.isEmpty()) {
            return invalidConfirmation();
        }
        return contacts.verify(subscription.get())
                ? page(200, "Address confirmed", "A notice will be sent here if these alerts stop.", null)
                : page(410, "Subscription gone", "This subscription no longer exists.", null);
    }

    private Response invalidConfirmation() {
        return page(400, "Link not valid", "This link is not valid or has expired (links last 7 days).", null);
    }

    @GET
    @Path("/unsubscribe/{token}")
    public Response askToUnsubscribe(@PathParam("token") String token) {
        Optional<UUID> subscription = tokens.verify(LinkTokens.Purpose.UNSUBSCRIBE, token);
        if (subscription.isEmpty()) {
            return page(400, "Link not valid", "This unsubscribe link is not valid.", null);
        }
        if (subscription
                .flatMap(subscriptions::find)
                .filter(Subscription::manageable)
                .isPresent()) {
            // An email subscriber's link: the page to change, pause or stop the alerts (the same token)
            return Response.seeOther(URI.create("/email/manage/" + token)).build();
        }
        return page(
                200,
                "Stop these alerts?",
                "Press the button to stop receiving these alerts.",
                new Form("/email/unsubscribe/" + token, "Unsubscribe", true));
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

    /** A page's one button: where it posts, what it says, and whether it is RFC 8058's one-click. */
    private record Form(String action, String button, boolean oneClick) {}

    private Response page(int status, String title, String message, Form form) {
        String html = page.data("title", title)
                .data("message", message)
                .data("form", form == null ? null : form.action())
                .data("button", form == null ? null : form.button())
                .data("oneClick", form != null && form.oneClick())
                .render();
        return Response.status(status)
                .entity(html)
                .type(MediaType.TEXT_HTML_TYPE)
                .build();
    }
}
