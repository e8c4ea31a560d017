package org.advocacyalerts.dispatcher.api;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.advocacyalerts.api.FieldErrors;
import org.advocacyalerts.api.ProblemException;
import org.advocacyalerts.api.access.AuditTrail;
import org.advocacyalerts.api.access.NotAChange;
import org.advocacyalerts.api.access.Roles;
import org.advocacyalerts.api.limits.Concurrency;
import org.advocacyalerts.api.limits.LimitsConfig;
import org.advocacyalerts.dispatcher.match.Backtester;
import org.advocacyalerts.dispatcher.match.Evaluator;
import org.advocacyalerts.dispatcher.match.Topic;
import org.advocacyalerts.dispatcher.match.TopicRegistry;
import org.advocacyalerts.dispatcher.match.TopicValidator;
import org.advocacyalerts.dispatcher.store.TopicStore;
import org.advocacyalerts.matcher.QuerySyntaxException;

/** {@code /api/topics}: what subscribers can follow, each with its query and aliases: public to read, admins change. */
@Path("/api/topics")
@Produces(MediaType.APPLICATION_JSON)
public class TopicResource {

    /** The body of a backtest: how many days back, and optionally a query (and aliases) not saved yet. */
    public record BacktestRequest(Integer days, String query, List<List<String>> aliases) {}

    /**
     * The body of an evaluation: statements labelled relevant or not, and optionally a query (and
     * aliases) not saved yet.
     */
    public record EvaluationRequest(String query, List<List<String>> aliases, List<LabelledStatement> statements) {}

    /** One labelled statement of an evaluation; {@code id} is the caller's, echoed in the answer. */
    public record LabelledStatement(String id, String title, String body, String language, Boolean relevant) {}

    /** Statements per evaluation, and the text of each: a labelled set, not a corpus. */
    static final int MAX_EVALUATED = 200;

    static final int MAX_EVALUATED_TEXT = 100_000;

    /** Backtests look back at most ten years; the default is a month. */
    static final int MAX_DAYS = 3650;

    static final int DEFAULT_DAYS = 30;

    /** The body of {@code PUT /api/topics/{id}}: the id comes from the path; {@code summary} may be left out. */
    public record TopicRequest(
            String name, String summary, String description, String query, List<List<String>> aliases) {}

    private final TopicStore store;
    private final TopicRegistry registry;
    private final Backtester backtester;
    private final Evaluator evaluator;
    private final AuditTrail audit;
    private final Concurrency concurrency;
    private final LimitsConfig limits;

    TopicResource(
            TopicStore store,
            TopicRegistry registry,
            Backtester backtester,
            Evaluator evaluator,
            AuditTrail audit,
            Concurrency concurrency,
            LimitsConfig limits) {
        this.store = store;
        this.registry = registry;
        this.backtester = backtester;
        this.evaluator = evaluator;
        this.audit = audit;
        this.concurrency = concurrency;
        this.limits = limits;
    }

    /**
     * What the topic (or the unsaved {@code query} of the body, with the topic's or the body's aliases)
     * would have alerted over the statements published in the last {@code days} days.
     */
    @POST
    @RolesAllowed(Roles.ADMIN)
    @NotAChange
    @Path("/{id}/backtest")
    @Consumes(MediaType.APPLICATION_JSON)
    public Backtester.Result backtest(@PathParam("id") String id, BacktestRequest request) {
        BacktestRequest body = request == null ? new BacktestRequest(null, null, null) : request;
        int days = body.days() == null ? DEFAULT_DAYS : body.days();
        if (days < 1 || days > MAX_DAYS) {
            throw ProblemException.invalid("days", "must be a whole number from 1 to " + MAX_DAYS);
        }
        return onQuery(
                id,
                body.query(),
                body.aliases(),
                (query, aliases) -> backtester.run(registry.compileTopic(query, aliases), days));
    }

    /**
     * The topic (or the unsaved {@code query} of the body) against statements labelled relevant or not:
     * precision, recall, and every false positive with the evidence that matched and every false
     * negative with the query's words it holds and those it lacks.
     */
    @POST
    @RolesAllowed(Roles.ADMIN)
    @NotAChange
    @Path("/{id}/evaluate")
    @Consumes(MediaType.APPLICATION_JSON)
    public Evaluator.Result evaluate(@PathParam("id") String id, EvaluationRequest request) {
        List<Evaluator.Labelled> statements = labelled(request);
        return onQuery(
                id, request.query(), request.aliases(), (query, aliases) -> evaluator.run(query, aliases, statements));
    }

    /**
     * Runs {@code work} on the request's unsaved query (with its aliases, else the topic's), or without
     * one on the saved topic's, under the backtests' limit: 404 for an unknown topic without a query,
     * 400 naming the position of a bad one.
     */
    private <T> T onQuery(
            String id, String query, List<List<String>> aliases, BiFunction<String, List<List<String>>, T> work) {
        Optional<Topic> saved = store.find(id);
        if (query == null && saved.isEmpty()) {
            throw ProblemException.notFound("topic " + id);
        }
        String text = query != null ? query : saved.get().query();
        List<List<String>> groups =
                aliases != null ? aliases : saved.map(Topic::aliases).orElse(List.of());
        FieldErrors errors = new FieldErrors();
        if (!TopicValidator.aliasesValid(groups, errors)) {
            errors.throwIfAny();
        }
        try (Concurrency.Permit running = concurrency.enter("backtests", limits.backtests())) {
            return work.apply(text, groups);
        } catch (QuerySyntaxException e) {
            throw ProblemException.invalid("query", e.describe());
        }
    }

    /** The request's statements, each checked: a 400 names every field in error. */
    private static List<Evaluator.Labelled> labelled(EvaluationRequest request) {
        FieldErrors errors = new FieldErrors();
        if (request == null
                || request.statements() == null
                || request.statements().isEmpty()) {
            errors.add("statements", "a list of 1 to " + MAX_EVALUATED + " labelled statements is required");
            errors.throwIfAny();
        }
        if (request.statements().size() > MAX_EVALUATED) {
            errors.add("statements", "at most " + MAX_EVALUATED + " statements per evaluation");
            errors.throwIfAny();
        }
        List<Evaluator.Labelled> out = new ArrayList<>();
        for (int i = 0; i < request.statements().size(); i++) {
            LabelledStatement s = request.statements().get(i);
            String at = "statements[" + i + "]";
            if (s == null) {
                errors.add(at, "a statement object is required");
                continue;
            }
            errors.maxLength(at + ".id", s.id(), 200);
            errors.required(at + ".title", s.title());
            errors.maxLength(at + ".title", s.title(), 1000);
            errors.required(at + ".body", s.body());
            errors.maxLength(at + ".body", s.body(), MAX_EVALUATED_TEXT);
            errors.maxLength(at + ".language", s.language(), 35);
            if (s.relevant() == null) {
                errors.add(at + ".relevant", "true or false is required: should the topic alert this statement?");
            }
            out.add(new Evaluator.Labelled(
                    s.id() == null ? String.valueOf(i) : s.id(),
                    s.title(),
                    s.body(),
                    s.language() == null ? "en" : s.language(),
                    Boolean.TRUE.equals(s.relevant())));
        }
        errors.throwIfAny();
        return out;
    }

    @GET
    @PermitAll
    public List<Topic> list() {
        return store.all();
    }

    @GET
    @PermitAll
    @Path("/{id}")
    public Topic get(@PathParam("id") String id) {
        return store.find(id).orElseThrow(() -> ProblemException.notFound("topic " + id));
    }

    /**
     * Creates (201) or replaces (200) a topic. The query is checked first: a syntax error is a 400 that
     * names its position. Every replica matches with the new query within about a second.
     */
    @PUT
    @RolesAllowed(Roles.ADMIN)
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response put(@PathParam("id") String id, TopicRequest request, @Context UriInfo uri) {
        if (request == null) {
            throw ProblemException.invalid(
                    "body", "a JSON object with name, description, query and aliases is required");
        }
        Topic topic = new Topic(
                id, request.name(), request.summary(), request.description(), request.query(), request.aliases());
        TopicValidator.check(topic, registry).throwIfAny();
        store.find(id).ifPresent(audit::before);
        audit.after(topic);
        TopicStore.Outcome outcome = store.put(topic);
        registry.reload(); // this replica at once; the others within their refresh interval
        return outcome == TopicStore.Outcome.CREATED
                ? Response.created(uri.getAbsolutePath()).entity(topic).build()
                : Response.ok(topic).build();
    }
}
