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
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.advocacyalerts.api.Problem;
import org.advocacyalerts.api.ProblemException;
import org.advocacyalerts.api.limits.TooManyRequests;
import org.advocacyalerts.dispatcher.api.SubscriptionRequest;
import org.advocacyalerts.dispatcher.api.SubscriptionValidator;
import org.advocacyalerts.dispatcher.config.DispatcherConfig;
import org.advocacyalerts.dispatcher.store.TopicMatchStore;
import org.advocacyalerts.dispatcher.store.TopicStore;
import org.advocacyalerts.dispatcher.subscription.Subscribing;

/**
 * The subscriber portal: the topics with their latest statements and a form to subscribe by email
 * (double opt-in: the confirmation email's link starts the alerts), and a page saying what arrives and
 * how to stop it. Server-rendered, no script; forms carry a {@link FormTokens} token.
 */
@Path("/")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class PortalResource {

    /** Statements shown under each topic. */
    static final int LATEST = 3;

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** What the form's fields are called on the page, for messages about them. */
    private static final Map<String, String> LABELS = Map.of(
            "target", "Email address",
            "topics", "Topics",
            "mode", "How often",
            "timeZone", "Time zone");

    /** A statement under a topic: a link only to an http(s) page, the day it was published, the sentence. */
    public record Shown(String title, String url, String day, String evidence) {}

    /** A topic as the portal shows it. */
    public record TopicView(String id, String name, String description, List<Shown> latest) {}

    /** What the subscribe form holds (as typed, when it comes back with errors). */
    public record FormValues(String email, List<String> topics, String mode, String timeZone) {
        static FormValues empty() {
            return new FormValues("", List.of(), "instant", "UTC");
        }
    }

    private final TopicStore topics;
    private final TopicMatchStore matches;
    private final SubscriptionValidator validator;
    private final Subscribing subscribing;
    private final FormTokens forms;
    private final DispatcherConfig.Digest digests;
    private final Template home;
    private final Template message;
    private final Template about;

    PortalResource(
            TopicStore topics,
            TopicMatchStore matches,
            SubscriptionValidator validator,
            Subscribing subscribing,
            FormTokens forms,
            DispatcherConfig config,
            @Location("web/home.html") Template home,
            @Location("web/message.html") Template message,
            @Location("web/about.html") Template about) {
        this.topics = topics;
        this.matches = matches;
        this.validator = validator;
        this.subscribing = subscribing;
        this.forms = forms;
        this.digests = config.digest();
        this.home = home;
        this.message = message;
        this.about = about;
    }

    @GET
    public Response home(@CookieParam(FormTokens.COOKIE) String cookie) {
        return homePage(200, cookie, FormValues.empty(), List.of());
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
        if (!forms.valid(cookie, token)) {
            return refused();
        }
        FormValues typed = new FormValues(
                email == null ? "" : email.strip(),
                chosen == null ? List.of() : chosen,
                mode == null ? "instant" : mode,
                timeZone == null || timeZone.isBlank() ? "UTC" : timeZone.strip());
        try {
            SubscriptionRequest valid = validator.validate(new SubscriptionRequest(
                    SubscriptionValidator.EMAIL,
                    typed.email(),
                    typed.topics(),
                    null,
                    null,
                    null,
                    typed.mode(),
                    typed.timeZone(),
                    null));
            subscribing.create(
                    valid,
                    null,
                    client.remoteAddress() == null
                            ? null
                            : client.remoteAddress().hostAddress());
            return page(
                    202,
                    "Check your inbox",
                    "We sent a confirmation email to " + valid.target() + ". Alerts start when you open its link"
                            + " (it lasts 7 days). Nothing else is sent to this address until then; if you did not"
                            + " ask for it, ignore the email.");
        } catch (TooManyRequests e) {
            return Response.fromResponse(page(429, "Please wait", e.getMessage() + "."))
                    .header("Retry-After", e.retryAfterSeconds())
                    .build();
        } catch (ProblemException e) {
            Problem problem = e.problem();
            if (problem.status() != 400 || problem.errors() == null) {
                return page(problem.status(), problem.title(), problem.detail());
            }
            List<String> errors = problem.errors().stream()
                    .map(error ->
                            "topics".equals(error.field()) && typed.topics().isEmpty()
                                    ? "Topics: choose at least one." // (the API's message speaks of ids and queries)
                                    : LABELS.getOrDefault(error.field(), error.field()) + ": " + error.message())
                    .toList();
            return homePage(400, cookie, typed, errors);
        }
    }

    private Response homePage(int status, String cookie, FormValues values, List<String> errors) {
        FormTokens.Issued form = forms.issue(cookie);
        List<TopicView> views = topics.all().stream()
                .map(t -> new TopicView(
                        t.id(),
                        t.name(),
                        t.description(),
                        matches.latest(t.id(), LATEST).stream()
                                .map(m -> new Shown(
                                        m.title(),
                                        AtomFeed.isWebLink(m.url()) ? m.url() : null,
                                        DAY.format(m.publishedAt()),
                                        m.evidence()))
                                .toList()))
                .toList();
        String html = home.data("topics", views)
                .data("form", values)
                .data("errors", errors)
                .data("csrf", form.token())
                .data("digestHour", digests.hour())
                .data("digestDay", digests.weekday().getDisplayName(TextStyle.FULL, Locale.ENGLISH))
                .render();
        Response.ResponseBuilder answer = Response.status(status).entity(html).type(MediaType.TEXT_HTML_TYPE);
        if (form.cookie() != null) {
            answer.cookie(form.cookie());
        }
        return answer.build();
    }

    /** A form posted without its token (from another site, or a page older than the browser's cookie). */
    private Response refused() {
        return page(
                403,
                "Form not accepted",
                "This form was not sent from this site's page, or the page is too old. Open the page again and"
                        + " send the form from there.");
    }

    private Response page(int status, String title, String text) {
        return Response.status(status)
                .entity(message.data("title", title).data("message", text).render())
                .type(MediaType.TEXT_HTML_TYPE)
                .build();
    }
}
