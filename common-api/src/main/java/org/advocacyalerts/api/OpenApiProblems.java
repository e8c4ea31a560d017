package org.advocacyalerts.api;

import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Completes both services' OpenAPI documents: every operation lists the problem answers it can give
 * ({@code application/problem+json}, RFC 9457, with an example each): 400, 404 where the path names
 * something, 429, and 401/403 where a credential is required; request bodies get an example.
 * Registered with {@code mp.openapi.filter}.
 */
public class OpenApiProblems implements OASFilter {

    private static final String PROBLEM = "application/problem+json";

    /** Example request bodies by operation. */
    static final Map<String, String> REQUEST_EXAMPLES = Map.of(
            "POST /api/statements",
            """
            {"sourceId":"state-department","url":"https://www.state.gov/example/armenia-azerbaijan-border",\
            "title":"On the detention of Armenian soldiers",\
            "body":"Azerbaijan should immediately release all prisoners of war and other captives.",\
            "publishedAt":"2021-05-27T18:30:00Z"}""",
            "POST /api/subscriptions",
            """
            {"channel":"webhook","target":"https://partner.example.org/hooks","topics":["prisoners","border"],\
            "contact":"webmaster@partner.example.org"}""",
            "POST /api/keys",
            """
            {"name":"Partner group webhooks","role":"integrator","owner":"partner-group",\
            "expiresAt":"2027-12-31T00:00:00Z"}""",
            "PUT /api/topics/{id}",
            """
            {"name":"Prisoners of war","description":"Armenian prisoners held by Azerbaijan",\
            "query":"POWs OR detainees","aliases":[["POWs","prisoners of war"]]}""",
            "POST /api/match",
            """
            {"title":"On the border","body":"Azerbaijan should release all prisoners of war and other captives."}""",
            "POST /api/topics/{id}/backtest",
            "{\"days\":30}",
            "POST /api/sources",
            """
            {"id":"osce","name":"OSCE press releases","url":"https://www.osce.org/press-releases/rss.xml",\
            "type":"auto","pollIntervalSeconds":300,"language":"en"}""",
            "PUT /api/sources/{id}",
            """
            {"name":"OSCE press releases","url":"https://www.osce.org/press-releases/rss.xml","type":"auto"}""");

    /** Example answers by operation and status. */
    static final Map<String, String> ANSWER_EXAMPLES = Map.of(
            "POST /api/statements 201",
            """
            {"id":"0b7f…","sourceId":"state-department","url":"https://www.state.gov/example/armenia-azerbaijan-border",            "title":"On the detention of Armenian soldiers","body":"Azerbaijan should immediately release all prisoners             of war and other captives.","language":"en","publishedAt":"2021-05-27T18:30:00Z",            "retrievedAt":"2026-12-03T10:00:00Z","contentSha256":"9c1e…"}""",
            "POST /api/subscriptions 201",
            """
            {"id":"3f2b…","channel":"webhook","target":"https://partner.example.org/hooks",            "topics":["border","prisoners"],"sourceIds":[],"languages":[],"status":"active",            "createdAt":"2026-12-03T10:00:00Z","secret":"whsec_…","tenant":"partner-group"}""",
            "POST /api/keys 201",
            """
            {"id":"key_…","name":"Partner group webhooks","role":"integrator","owner":"partner-group",            "sourceIds":[],"createdAt":"2026-12-03T10:00:00Z","expiresAt":"2027-12-31T00:00:00Z","key":"aa_…"}""",
            "GET /api/topics 200",
            """
            [{"id":"prisoners","name":"Prisoners of war","description":"Armenian prisoners held by Azerbaijan",            "query":"POWs OR detainees","aliases":[["POWs","prisoners of war"]]}]""",
            "POST /api/match 200",
            """
            {"matches":[{"topic":"prisoners","evidence":[{"field":"body","start":30,"end":46,            "text":"prisoners of war","sentence":"Azerbaijan should release all prisoners of war and other captives.",            "clause":"\\"prisoners of war\\" (alias of POWs)"}]}]}""",
            "GET /api/deliveries 200",
            """
            [{"id":"9a1c…","statementId":"0b7f…","subscriptionId":"3f2b…","topics":["prisoners"],            "status":"delivered","attempts":1,"createdAt":"2026-12-03T10:00:01Z",            "deliveredAt":"2026-12-03T10:00:01Z","attemptLog":[{"attempt":1,"at":"2026-12-03T10:00:01Z",            "statusCode":204,"latencyMs":42}]}]""");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema("Problem", problemSchema());
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths()
                .getPathItems()
                .forEach((path, item) -> item.getOperations()
                        .forEach((method, operation) -> complete(method.name() + " " + path, path, operation)));
    }

    private static void complete(String name, String path, Operation operation) {
        APIResponses responses =
                operation.getResponses() == null ? OASFactory.createAPIResponses() : operation.getResponses();
        operation.setResponses(responses);
        boolean secured =
                operation.getSecurity() != null && !operation.getSecurity().isEmpty();
        problem(
                responses,
                "400",
                "Bad Request",
                "the request names what is wrong: errors[].field",
                "title is required");
        if (path.contains("{")) {
            problem(responses, "404", "Not Found", "nothing of that id (or not yours)", "subscription 3f2b… not found");
        }
        problem(
                responses,
                "429",
                "Too Many Requests",
                "over a limit; Retry-After says when to send again",
                "too many requests from this client; wait and send again");
        if (secured) {
            problem(
                    responses,
                    "401",
                    "Unauthorized",
                    "no credential, or an unknown, revoked or expired one",
                    "send an API key or an identity provider's token: Authorization: Bearer <token>");
            problem(
                    responses,
                    "403",
                    "Forbidden",
                    "the credential's role does not allow this",
                    "your credential's role does not allow this request");
        }
        ANSWER_EXAMPLES.forEach((key, answer) -> {
            int space = key.lastIndexOf(' ');
            if (key.substring(0, space).equals(name)) {
                var response = responses.getAPIResponse(key.substring(space + 1));
                if (response == null && responses.getAPIResponses() != null) {
                    // the generator names a 2xx it cannot know as 200: the example goes to the success answer
                    response = responses.getAPIResponses().entrySet().stream()
                            .filter(e -> e.getKey().startsWith("2"))
                            .map(Map.Entry::getValue)
                            .findFirst()
                            .orElse(null);
                }
                if (response != null && response.getContent() == null) {
                    // an endpoint answering a Response: the generator could not tell its body
                    response.setContent(
                            OASFactory.createContent().addMediaType("application/json", OASFactory.createMediaType()));
                }
                if (response != null) {
                    response.getContent().getMediaTypes().values().forEach(media -> media.setExample(answer));
                }
            }
        });
        String example = REQUEST_EXAMPLES.get(name);
        if (example != null
                && operation.getRequestBody() != null
                && operation.getRequestBody().getContent() != null) {
            operation
                    .getRequestBody()
                    .getContent()
                    .getMediaTypes()
                    .values()
                    .forEach(media -> media.setExample(example));
        }
    }

    private static void problem(APIResponses responses, String status, String title, String why, String detail) {
        Content content = OASFactory.createContent()
                .addMediaType(
                        PROBLEM,
                        OASFactory.createMediaType()
                                .schema(OASFactory.createSchema().ref("Problem"))
                                .example("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                                        + ",\"detail\":\"" + detail + "\"}"));
        if (responses.hasAPIResponse(status)) {
            responses.getAPIResponse(status).setContent(content);
        } else {
            responses.addAPIResponse(
                    status, OASFactory.createAPIResponse().description(why).content(content));
        }
    }

    private static Schema problemSchema() {
        return OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details")
                .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .addProperty("title", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
                .addProperty("detail", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .addProperty(
                        "errors",
                        OASFactory.createSchema()
                                .addType(Schema.SchemaType.ARRAY)
                                .items(OASFactory.createSchema()
                                        .addType(Schema.SchemaType.OBJECT)
                                        .addProperty(
                                                "field",
                                                OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                                        .addProperty(
                                                "message",
                                                OASFactory.createSchema().addType(Schema.SchemaType.STRING))));
    }
}
