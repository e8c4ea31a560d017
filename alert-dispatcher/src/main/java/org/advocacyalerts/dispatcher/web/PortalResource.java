package org.advocacyalerts.dispatcher.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.advocacyalerts.api.Problem;
import org.advocacyalerts.api.ProblemException;
import org.advocacyalerts.api.limits.TooManyRequests;
import org.advocacyalerts.dispatcher.api.SubscriptionRequest;
import org.advocacyalerts.dispatcher.api.SubscriptionValidator;
import org.advocacyalerts.dispatcher.subscription.Subscribing;
import org.advocacyalerts.dispatcher.web.Choices.FormValues;

/**
 * The subscriber portal: the topics with their latest statements and a form to subscribe by email
 * (double opt-in: the confirmation email's link starts the alerts), and a page saying what arrives and
 * how to stop it. Server-rendered, no script; forms carry a {@link FormTokens} token.
 */
@Path("/")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class PortalResource {

    private final Choices choices;
    private final SubscriptionValidator validator;
    private final Subscribing subscribing;
    private final Pages pages;
    private final Template home;
    private final Template about;

    PortalResource(
            Choices choices,
            SubscriptionValidator validator,
            Subscribing subscribing,
            Pages pages,
            @Location("web/home.html") Template home,
            @Location("web/about.html") Template about) {
        this.choices = choices;
        this.validator = validator;
        this.subscribing = subscribing;
        this.pages = pages;
        this.home = home;
        this.about = about;
    }

    @GET
    public Response home(@CookieParam(FormTokens.COOKIE) String cookie) {
        return homePage(200, cookie, FormValues.typed(null, null, null, null), List.of());
    }

    @GET
    @Path("about")
    public String about() {
        return about.render();
    }

    /** The subscribe form: a confirmation email, or the form again with what to correct. */
    @POST
    @Path("subscribe")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response subscribe(
            @CookieParam(FormTokens.COOKIE) String cookie,
            @FormParam(FormTokens.FIELD) String token,
            @FormParam("email") String email,
            @FormParam("topics") List<String> chosen,
            @FormParam("mode") String mode,
            @FormParam("timeZone") String timeZone,
            @Context HttpServerRequest client) {
        if (!pages.fromOurPage(cookie, token)) {
            return pages.formRefused();
        }
        FormValues typed = FormValues.typed(email, chosen, mode, timeZone);
        try {
            SubscriptionRequest valid = validator.validate(typed.request());
            subscribing.create(
                    valid,
                    null,
                    client.remoteAddress() == null
                            ? null
                            : client.remoteAddress().hostAddress());
            return pages.message(
                    202,
                    "Check your inbox",
                    "We sent a confirmation email to " + valid.target() + ". Alerts start when you open its link"
                            + " (it lasts 7 days). Nothing else is sent to this address until then; if you did not"
                            + " ask for it, ignore the email.");
        } catch (TooManyRequests e) {
            return Response.fromResponse(pages.message(429, "Please wait", e.getMessage() + "."))
                    .header("Retry-After", e.retryAfterSeconds())
                    .build();
        } catch (ProblemException e) {
            Problem problem = e.problem();
            if (problem.status() != 400 || problem.errors() == null) {
                return pages.message(problem.status(), problem.title(), problem.detail());
            }
            return homePage(400, cookie, typed, Choices.errors(problem, typed));
        }
    }

    private Response homePage(int status, String cookie, FormValues values, List<String> errors) {
        return pages.page(status, choices.fill(home.instance(), choices.topics(true), values, errors), cookie);
    }
}
