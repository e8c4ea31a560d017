package org.advocacyalerts.dispatcher.console;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.advocacyalerts.api.Problem;
import org.advocacyalerts.api.ProblemException;
import org.advocacyalerts.api.access.AccessMappers;
import org.advocacyalerts.api.access.NotAChange;
import org.advocacyalerts.api.access.Roles;
import org.advocacyalerts.dispatcher.api.TopicResource;
import org.advocacyalerts.dispatcher.match.Backtester;
import org.advocacyalerts.dispatcher.match.Topic;
import org.advocacyalerts.dispatcher.match.TopicRegistry;
import org.advocacyalerts.dispatcher.match.TopicValidator;
import org.advocacyalerts.dispatcher.store.TopicStore;
import org.advocacyalerts.dispatcher.web.FormTokens;
import org.advocacyalerts.dispatcher.web.Pages;
import org.advocacyalerts.matcher.QueryCompiler;
import org.advocacyalerts.matcher.QuerySyntaxException;

/**
 * The console's topic editor: the topics, and a form for one (new or saved) that checks the query and
 * backtests it over the last 90 days' statements before it is saved. Checking and saving go through
 * {@code /api/topics}' own operations (the same validation, limits and audit).
 */
@Path(AccessMappers.CONSOLE + "/topics")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.TEXT_HTML)
public class TopicEditorResource {

    /** "Would have matched N of the last 90 days' statements". */
    static final int BACKTEST_DAYS = 90;

    /** The topic as the form holds it: aliases one group a line, words separated by commas. */
    public record Form(String id, String name, String summary, String description, String query, String aliases) {

        static Form of(Topic topic) {
            return new Form(
                    topic.id(),
                    topic.name(),
                    topic.summary() == null ? "" : topic.summary(),
                    topic.description(),
                    topic.query(),
                    String.join(
                            "\n",
                            topic.aliases().stream()
                                    .map(g -> String.join(", ", g))
                                    .toList()));
        }

        static Form typed(String id, String name, String summary, String description, String query, String aliases) {
            return new Form(strip(id), strip(name), strip(summary), strip(description), strip(query), strip(aliases));
        }

        List<List<String>> aliasGroups() {
            List<List<String>> groups = new ArrayList<>();
            for (String line : aliases.split("\\R")) {
                List<String> words = Arrays.stream(line.split(","))
                        .map(String::strip)
                        .filter(w -> !w.isEmpty())
                        .toList();
                if (!words.isEmpty()) {
                    groups.add(words);
                }
            }
            return groups;
        }

        Topic topic() {
            return new Topic(id, name, summary, description, query, aliasGroups());
        }

        private static String strip(String value) {
            return value == null ? "" : value.strip();
        }
    }

    /** What the editor's form posts, with the browser's form cookie: one shape for check and save. */
    public static class Posted {
        @FormParam("id")
        public String id;

        @FormParam("name")
        public String name;

        @FormParam("summary")
        public String summary;

        @FormParam("description")
        public String description;

        @FormParam("query")
        public String query;

        @FormParam("aliases")
        public String aliases;

        @FormParam(FormTokens.FIELD)
        public String token;

        @CookieParam(FormTokens.COOKIE)
        public String formCookie;

        Form form() {
            return Form.typed(id, name, summary, description, query, aliases);
        }
    }

    private final TopicStore topics;
    private final TopicRegistry registry;
    private final TopicResource api;
    private final Pages pages;
    private final Template list;
    private final Template editor;

    TopicEditorResource(
            TopicStore topics,
            TopicRegistry registry,
            TopicResource api,
            Pages pages,
            @Location("admin/topics.html") Template list,
            @Location("admin/topic.html") Template editor) {
        this.topics = topics;
        this.registry = registry;
        this.api = api;
        this.pages = pages;
        this.list = list;
        this.editor = editor;
    }

    @GET
    public Response topics(@CookieParam(FormTokens.COOKIE) String formCookie) {
        return pages.page(200, list.data("topics", topics.all()), formCookie);
    }

    /** The form for topic {@code id}, or for a new topic when there is none. */
    @GET
    @Path("/edit")
    public Response edit(@QueryParam("id") String id, @CookieParam(FormTokens.COOKIE) String formCookie) {
        Form form = Optional.ofNullable(id)
                .flatMap(topics::find)
                .map(Form::of)
                .orElse(new Form(id == null ? "" : id, "", "", "", "", ""));
        return page(200, form, List.of(), null, null, formCookie);
    }

    /** The query checked and backtested: nothing is saved. */
    @POST
    @NotAChange
    @Path("/check")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response check(@BeanParam Posted posted) {
        if (!pages.fromOurPage(posted.formCookie, posted.token)) {
            return pages.formRefused();
        }
        String formCookie = posted.formCookie;
        Form form = posted.form();
        List<Problem.FieldError> errors =
                TopicValidator.check(form.topic(), registry).errors();
        if (errors.stream().anyMatch(e -> e.field().equals("query") || e.field().startsWith("aliases"))) {
            return page(400, form, errors, null, null, formCookie);
        }
        try {
            Backtester.Result result = api.backtest(
                    form.id().isEmpty() ? "new" : form.id(),
                    new TopicResource.BacktestRequest(BACKTEST_DAYS, form.query(), form.aliasGroups()));
            return page(200, form, errors, result, null, formCookie);
        } catch (ProblemException e) {
            return page(e.problem().status(), form, errorsOf(e), null, null, formCookie);
        }
    }

    /** Saved as {@code PUT /api/topics/{id}} saves it: live on every replica within a second. */
    @POST
    @Path("/save")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response save(@BeanParam Posted posted, @Context UriInfo uri) {
        if (!pages.fromOurPage(posted.formCookie, posted.token)) {
            return pages.formRefused();
        }
        String formCookie = posted.formCookie;
        Form form = posted.form();
        try {
            api.put(
                    form.id(),
                    new TopicResource.TopicRequest(
                            form.name(), form.summary(), form.description(), form.query(), form.aliasGroups()),
                    uri);
            return page(
                    200,
                    form,
                    List.of(),
                    null,
                    "Saved: topic " + form.id() + " matches with this query now.",
                    formCookie);
        } catch (ProblemException e) {
            return page(e.problem().status(), form, errorsOf(e), null, null, formCookie);
        }
    }

    /**
     * What the editor's script shows as the query is typed: whether it parses, and if not, where and why;
     * when it does, {@code notes} on words that stand for more than they say ({@link #notes}).
     */
    public record Syntax(boolean valid, String message, List<String> notes) {

        static Syntax invalid(String message) {
            return new Syntax(false, message, List.of());
        }
    }

    /** How many of a group's terms a note names before "…". */
    static final int NOTE_TERMS = 6;

    /**
     * One line per query word that stands for an alias group it does not name first: "Karabakh stands for
     * its whole alias group …". Such a word finds every term of the group, under a NOT as anywhere, which
     * the query rarely means; none for a query that does not parse.
     */
    List<String> notes(Form form) {
        try {
            return registry.standIns(form.query(), form.aliasGroups()).stream()
                    .map(TopicEditorResource::note)
                    .toList();
        } catch (QuerySyntaxException invalid) { // the check says why
            return List.of();
        }
    }

    private static String note(QueryCompiler.StandIn standIn) {
        List<String> others = standIn.group().stream()
                .filter(t -> !t.equalsIgnoreCase(standIn.written()))
                .toList();
        String shown = String.join(", ", others.subList(0, Math.min(NOTE_TERMS, others.size())))
                + (others.size() > NOTE_TERMS ? ", …" : "");
        return standIn.written() + " stands for its whole alias group \u201c"
                + standIn.group().get(0)
                + "\u201d (" + standIn.group().size() + " terms): it also finds " + shown
                + " and, after a NOT, leaves them out too. Write the group's first term to mean the group, or"
                + " give the word a group of its own.";
    }

    /**
     * The query (with the aliases) checked as typed: nothing is run or saved. Posted with the form's token,
     * not asked in a URL: the default topics' query and aliases are longer than a request line may be.
     */
    @POST
    @NotAChange
    @Path("/syntax")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response syntax(@BeanParam Posted posted) {
        if (!pages.fromOurPage(posted.formCookie, posted.token)) {
            return pages.formRefused();
        }
        Form form = Form.typed("syntax", "-", "", "-", posted.query, posted.aliases);
        if (form.query().isEmpty()) {
            return Response.ok(Syntax.invalid("A query is required.")).build();
        }
        return Response.ok(TopicValidator.check(form.topic(), registry).errors().stream()
                        .filter(e -> e.field().equals("query") || e.field().startsWith("aliases"))
                        .findFirst()
                        .map(e -> Syntax.invalid(e.field() + ": " + e.message()))
                        .orElseGet(() -> new Syntax(true, "The query is valid.", notes(form))))
                .build();
    }

    private static List<Problem.FieldError> errorsOf(ProblemException e) {
        Problem problem = e.problem();
        return problem.errors() != null && !problem.errors().isEmpty()
                ? problem.errors()
                : List.of(new Problem.FieldError("topic", problem.detail()));
    }

    private Response page(
            int status,
            Form form,
            List<Problem.FieldError> errors,
            Backtester.Result backtest,
            String notice,
            String formCookie) {
        return pages.scriptedPage(
                status,
                editor.data("form", form)
                        .data("saved", topics.find(form.id()).isPresent())
                        .data("errors", errors)
                        .data("notes", notes(form))
                        .data("backtest", backtest)
                        .data(
                                "perDay",
                                backtest == null
                                        ? null
                                        : String.format(Locale.ROOT, "%.2f alerts", backtest.expectedAlertsPerDay()))
                        .data("days", BACKTEST_DAYS)
                        .data("notice", notice),
                formCookie);
    }
}
