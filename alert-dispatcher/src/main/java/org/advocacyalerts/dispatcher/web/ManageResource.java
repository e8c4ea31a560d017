package org.advocacyalerts.dispatcher.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.advocacyalerts.api.ProblemException;
import org.advocacyalerts.dispatcher.api.SubscriptionRequest;
import org.advocacyalerts.dispatcher.api.SubscriptionValidator;
import org.advocacyalerts.dispatcher.email.LinkTokens;
import org.advocacyalerts.dispatcher.store.Subscription;
import org.advocacyalerts.dispatcher.store.SubscriptionStore;
import org.advocacyalerts.dispatcher.web.Choices.FormValues;

/**
 * "Manage or stop these alerts", the page the link in every email opens ({@code /email/unsubscribe/…}
 * leads here for an email subscription): change topics, how often and the time zone, pause and resume,
 * or unsubscribe (the one-click form RFC 8058 defines). The link's token is the subscriber's key, as for
 * unsubscribing; each form also carries a {@link FormTokens} token. Opening the page changes nothing.
 */
@Path("/email/manage")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class ManageResource {

    private final LinkTokens tokens;
    private final SubscriptionStore store;
    private final SubscriptionValidator validator;
    private final Choices choices;
    private final Pages pages;
    private final Clock clock;
    private final Template manage;

    ManageResource(
            LinkTokens tokens,
            SubscriptionStore store,
            SubscriptionValidator validator,
            Choices choices,
            Pages pages,
            Clock clock,
            @Location("web/manage.html") Template manage) {
        this.tokens = tokens;
        this.store = store;
        this.validator = validator;
        this.choices = choices;
        this.pages = pages;
        this.clock = clock;
        this.manage = manage;
    }

    @GET
    @Path("/{token}")
    public Response show(@PathParam("token") String token, @CookieParam(FormTokens.COOKIE) String cookie) {
        return subscription(token)
                .map(s -> page(200, token, cookie, s, current(s), List.of(), null))
                .orElseGet(this::notValid);
    }

    /** New topics, frequency and time zone: validated as a new subscription's would be. */
    @POST
    @Path("/{token}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response save(
            @PathParam("token") String token,
            @CookieParam(FormTokens.COOKIE) String cookie,
            @FormParam(FormTokens.FIELD) String form,
            @FormParam("topics") List<String> chosen,
            @FormParam("mode") String mode,
            @FormParam("timeZone") String timeZone) {
        Optional<Subscription> found = subscription(token);
        if (found.isEmpty()) {
            return notValid();
        }
        if (!pages.fromOurPage(cookie, form)) {
            return pages.formRefused();
        }
        Subscription subscription = found.get();
        FormValues typed = FormValues.typed(subscription.target(), chosen, mode, timeZone);
        SubscriptionRequest valid;
        try {
            valid = validator.validate(typed.request());
        } catch (ProblemException e) {
            if (e.problem().status() != 400 || e.problem().errors() == null) {
                throw e;
            }
            return page(400, token, cookie, subscription, typed, Choices.errors(e.problem(), typed), null);
        }
        store.updateChoices(subscription.id(), valid.topics(), valid.mode(), valid.timeZone(), clock.instant());
        Subscription saved = store.find(subscription.id()).orElse(subscription);
        return page(
                200, token, cookie, saved, current(saved), List.of(), "Saved. Your next alerts follow these choices.");
    }

    @POST
    @Path("/{token}/pause")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response pause(
            @PathParam("token") String token,
            @CookieParam(FormTokens.COOKIE) String cookie,
            @FormParam(FormTokens.FIELD) String form) {
        return change(token, cookie, form, s -> store.pause(s.id()), "Paused. Nothing is sent until you resume.");
    }

    @POST
    @Path("/{token}/resume")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response resume(
            @PathParam("token") String token,
            @CookieParam(FormTokens.COOKIE) String cookie,
            @FormParam(FormTokens.FIELD) String form) {
        return change(
                token,
                cookie,
                form,
                s -> store.resume(s.id(), clock.instant()),
                "Resumed. You get alerts about statements published from now on.");
    }

    private Response change(String token, String cookie, String form, Predicate<Subscription> step, String notice) {
        Optional<Subscription> found = subscription(token);
        if (found.isEmpty()) {
            return notValid();
        }
        if (!pages.fromOurPage(cookie, form)) {
            return pages.formRefused();
        }
        boolean changed = step.test(found.get());
        Subscription now = store.find(found.get().id()).orElse(found.get());
        return page(200, token, cookie, now, current(now), List.of(), changed ? notice : null);
    }

    /** The email subscription the token is for; empty for a bad token, a deleted or a webhook subscription. */
    private Optional<Subscription> subscription(String token) {
        return tokens.verify(LinkTokens.Purpose.UNSUBSCRIBE, token)
                .flatMap(store::find)
                .filter(Subscription::manageable);
    }

    private static FormValues current(Subscription s) {
        return new FormValues(s.target(), s.topics(), s.mode(), s.timeZone());
    }

    private Response page(
            int status,
            String token,
            String cookie,
            Subscription subscription,
            FormValues values,
            List<String> errors,
            String notice) {
        return pages.page(
                status,
                choices.fill(manage.instance(), choices.topics(false), values, errors)
                        .data("token", token)
                        .data("address", subscription.target())
                        .data("paused", "paused".equals(subscription.status()))
                        .data("notice", notice),
                cookie);
    }

    private Response notValid() {
        return pages.message(
                404,
                "Link not valid",
                "This link is not valid, or these alerts were stopped. To get alerts again, subscribe on the front page.");
    }
}
