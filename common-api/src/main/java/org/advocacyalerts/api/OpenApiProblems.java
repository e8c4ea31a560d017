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
