package org.advocacyalerts.dispatcher.console;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.advocacyalerts.api.Ids;
import org.advocacyalerts.api.ProblemException;
import org.advocacyalerts.api.access.AccessMappers;
import org.advocacyalerts.api.access.NotAChange;
import org.advocacyalerts.api.access.Roles;
import org.advocacyalerts.dispatcher.api.DeliveryResource;
import org.advocacyalerts.dispatcher.match.Topic;
import org.advocacyalerts.dispatcher.store.ConsoleStore;
import org.advocacyalerts.dispatcher.store.DeliveryStore;
import org.advocacyalerts.dispatcher.store.SubscriptionStore;
import org.advocacyalerts.dispatcher.store.TopicStore;
import org.advocacyalerts.dispatcher.web.AtomFeed;
import org.advocacyalerts.dispatcher.web.FormTokens;
import org.advocacyalerts.dispatcher.web.Pages;

/**
 * The staff console ({@code /admin}), for admins only: what came in and what it matched, with the
 * evidence marked in the text; activity per topic over 90 days; subscriptions; deliveries, their
 * attempts, and replaying dead letters; the sources and polling one now. Topics are edited on {@link
 * TopicEditorResource}. Forms carry a CSRF token; a change answers with the page (not a redirect) so the
 * audit log records it.
 */
@Path(AccessMappers.CONSOLE)
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.TEXT_HTML)
public class ConsoleResource {

    /** Statements on the first page; deliveries and subscriptions per page. */
    static final int STATEMENTS = 30;

    static final int ROWS = 100;

    /** How far back the activity charts look. */
    static final int ACTIVITY_DAYS = 90;

    private final ConsoleStore console;
    private final TopicStore topics;
    private final SubscriptionStore subscriptions;
    private final DeliveryStore deliveries;
    private final DeliveryResource deliveryApi;
    private final IngestSources sources;
    private final StaffSessions sessions;
    private final SecurityIdentity identity;
    private final Pages pages;
    private final Clock clock;
    private final Template statementsPage;
    private final Template statementPage;
    private final Template activityPage;
    private final Template subscriptionsPage;
    private final Template deliveriesPage;
    private final Template sourcesPage;

    ConsoleResource(
            ConsoleStore console,
            TopicStore topics,
            SubscriptionStore subscriptions,
            DeliveryStore deliveries,
            DeliveryResource deliveryApi,
            IngestSources sources,
            StaffSessions sessions,
            SecurityIdentity identity,
            Pages pages,
            Clock clock,
            @Location("admin/statements.html") Template statementsPage,
            @Location("admin/statement.html") Template statementPage,
            @Location("admin/activity.html") Template activityPage,
            @Location("admin/subscriptions.html") Template subscriptionsPage,
            @Location("admin/deliveries.html") Template deliveriesPage,
            @Location("admin/sources.html") Template sourcesPage) {
        this.console = console;
        this.topics = topics;
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.deliveryApi = deliveryApi;
        this.sources = sources;
        this.sessions = sessions;
        this.identity = identity;
        this.pages = pages;
        this.clock = clock;
        this.statementsPage = statementsPage;
        this.statementPage = statementPage;
        this.activityPage = activityPage;
        this.subscriptionsPage = subscriptionsPage;
        this.deliveriesPage = deliveriesPage;
        this.sourcesPage = sourcesPage;
    }

    /** The latest statements, each with the topics it matched and the sentence that made it match. */
    @GET
    public Response statements(@CookieParam(FormTokens.COOKIE) String formCookie) {
        return pages.page(200, statementsPage.data("statements", console.recent(STATEMENTS)), formCookie);
    }

    /** One statement's whole text, its evidence sentences marked. */
    @GET
    @Path("/statements/{id}")
    public Response statement(@PathParam("id") String id, @CookieParam(FormTokens.COOKIE) String formCookie) {
        Optional<ConsoleStore.MatchedStatement> found = Ids.uuid(id).flatMap(console::statement);
        if (found.isEmpty()) {
            return pages.message(404, "No such statement", "There is no statement " + id + " here (any more).");
        }
        ConsoleStore.MatchedStatement statement = found.get();
        return pages.page(
                200,
                statementPage
                        .data("statement", statement)
                        .data("link", AtomFeed.isWebLink(statement.url()) ? statement.url() : null)
                        .data(
                                "segments",
                                Highlight.mark(
                                        statement.body(),
                                        statement.matches().stream()
                                                .map(ConsoleStore.TopicEvidence::evidence)
                                                .toList())),
                formCookie);
    }

    /** Statements matched and alerts made per topic per day over the last 90 days, as inline SVG. */
    @GET
    @Path("/activity")
    public Response activity(@CookieParam(FormTokens.COOKIE) String formCookie) {
        LocalDate last = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate first = last.minusDays(ACTIVITY_DAYS - 1);
        var since = first.atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<String, String> names = new LinkedHashMap<>();
        for (Topic topic : topics.all()) {
            names.put(topic.id(), topic.name());
        }
        return pages.page(
                200,
                activityPage
                        .data(
                                "charts",
                                ActivityChart.of(
                                        names, console.matchesPerDay(since), console.alertsPerDay(since), first, last))
                        .data("first", first)
                        .data("last", last)
                        .data("height", ActivityChart.HEIGHT)
                        .data("bar", ActivityChart.BAR),
                formCookie);
    }

    @GET
    @Path("/subscriptions")
    public Response subscriptions(
            @QueryParam("status") String status, @CookieParam(FormTokens.COOKIE) String formCookie) {
        String shown = status != null && SUBSCRIPTION_STATUSES.contains(status) ? status : null;
        return pages.page(
                200,
                subscriptionsPage
                        .data("subscriptions", subscriptions.latest(shown, ROWS))
                        .data("status", shown)
                        .data("statuses", SUBSCRIPTION_STATUSES)
                        .data("rows", ROWS),
                formCookie);
    }

    private static final List<String> SUBSCRIPTION_STATUSES = List.of("pending", "active", "paused", "disabled");

    private static final List<String> DELIVERY_STATUSES =
            DeliveryResource.STATUSES.stream().sorted().toList();

    /** Deliveries newest first, narrowed by status and subscription, each with its attempts. */
    @GET
    @Path("/deliveries")
    public Response deliveries(
            @QueryParam("status") String status,
            @QueryParam("subscription") String subscription,
            @CookieParam(FormTokens.COOKIE) String formCookie) {
        return deliveriesPage(200, status, subscription, null, null, formCookie);
    }

    /** A dead letter (a failed delivery) is due again now: one more attempt. */
    @POST
    @Path("/deliveries/{id}/retry")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response retry(
            @PathParam("id") String id,
            @FormParam(FormTokens.FIELD) String token,
            @FormParam("status") String status,
            @FormParam("subscription") String subscription,
            @CookieParam(FormTokens.COOKIE) String formCookie) {
        if (!pages.fromOurPage(formCookie, token)) {
            return pages.formRefused();
        }
        try {
            deliveryApi.retry(id);
            return deliveriesPage(
                    200, status, subscription, "Delivery " + id + " is due again: it is sent now.", null, formCookie);
        } catch (ProblemException e) {
            return deliveriesPage(
                    e.problem().status(),
                    status,
                    subscription,
                    null,
                    e.problem().detail(),
                    formCookie);
        }
    }

    private Response deliveriesPage(
            int code, String status, String subscription, String notice, String error, String formCookie) {
        String shown = status != null && DELIVERY_STATUSES.contains(status) ? status : null;
        Optional<UUID> of =
                Optional.ofNullable(subscription).filter(s -> !s.isBlank()).flatMap(s -> Ids.uuid(s.strip()));
        String filterError = subscription != null && !subscription.isBlank() && of.isEmpty()
                ? "A subscription id is a UUID, like 3f2c…-…; all subscriptions are shown."
                : null;
        return pages.page(
                code,
                deliveriesPage
                        .data("deliveries", deliveries.list(shown, of.orElse(null), null, null, ROWS))
                        .data("status", shown)
                        .data("statuses", DELIVERY_STATUSES)
                        .data("subscription", of.map(UUID::toString).orElse(""))
                        .data("notice", notice)
                        .data("error", error != null ? error : filterError)
                        .data("rows", ROWS),
                formCookie);
    }

    /** statement-ingest's sources with their health, asked with the signed-in admin's key. */
    @GET
    @Path("/sources")
    public Response sources(
            @CookieParam(StaffSessions.COOKIE) String session, @CookieParam(FormTokens.COOKIE) String formCookie) {
        return sourcesPage(200, session, null, null, formCookie);
    }

    /** Asks statement-ingest to poll a source now; ingest records it in its audit log. */
    @POST
    @NotAChange
    @Path("/sources/{id}/poll")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response pollNow(
            @PathParam("id") String id,
            @FormParam(FormTokens.FIELD) String token,
            @CookieParam(StaffSessions.COOKIE) String session,
            @CookieParam(FormTokens.COOKIE) String formCookie) {
        if (!pages.fromOurPage(formCookie, token)) {
            return pages.formRefused();
        }
        try {
            sources.pollNow(adminKey(session), id);
            return sourcesPage(202, session, "Source " + id + " is being polled now.", null, formCookie);
        } catch (IngestSources.Unavailable e) {
            return sourcesPage(502, session, null, e.getMessage(), formCookie);
        }
    }

    private Response sourcesPage(int code, String session, String notice, String error, String formCookie) {
        TemplateInstance page = sourcesPage.data("notice", notice).data("now", clock.instant());
        try {
            page.data("sources", sources.list(adminKey(session))).data("error", error);
        } catch (IngestSources.Unavailable e) {
            page.data("sources", List.of()).data("error", e.getMessage());
            code = code == 200 ? 502 : code;
        }
        return pages.page(code, page, formCookie);
    }

    /**
     * The signed-in admin's own credential, for statement-ingest: the key of the console session, or the
     * identity provider's access token of a provider sign-in. (An admin who called with a header instead
     * has no console session: the sources page is for the console.)
     */
    private String adminKey(String session) {
        return sessions.key(session)
                .or(() -> Optional.ofNullable(identity.getCredential(AccessTokenCredential.class))
                        .map(AccessTokenCredential::getToken))
                .orElseThrow(() -> new IngestSources.Unavailable(
                        "the sources are shown to an admin signed in to the console (no console session here)"));
    }
}
