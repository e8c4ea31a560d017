package org.advocacyalerts.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Every operation a running service documents in {@code /q/openapi}, with the roles its security
 * requirement names (none: public), and the check that each answers as declared: 401 without a
 * credential or with a bad one, 403 to a role it does not allow, neither to a role it allows. The
 * services' access tests run it, so an endpoint added without a rule fails them.
 */
public final class EndpointAccess {

    /**
     * One documented operation; {@code roles} empty means public; {@code body} the media type of the
     * body it takes (JSON, or a page's form), null without one.
     */
    public record Operation(String method, String path, Set<String> roles, String body) {
        public boolean isPublic() {
            return roles.isEmpty();
        }

        @Override
        public String toString() {
            return method + " " + path + (isPublic() ? " (public)" : " " + roles);
        }
    }

    /** Where a staff console (pages under /admin) sends a browser without a session. */
    static final String CONSOLE_SIGN_IN = "/admin/sign-in";

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI base;

    public EndpointAccess(URI base) {
        this.base = base;
    }

    /** The operations of the service's OpenAPI document, in path order. */
    public List<Operation> operations() throws IOException, InterruptedException {
        HttpResponse<String> answer = send("GET", "/q/openapi?format=json", null);
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("/q/openapi answered " + answer.statusCode());
        }
        JsonNode doc = new ObjectMapper().readTree(answer.body());
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                Set<String> roles = new TreeSet<>();
                op.getValue()
                        .path("security")
                        .forEach(requirement -> requirement
                                .fields()
                                .forEachRemaining(
                                        scheme -> scheme.getValue().forEach(role -> roles.add(role.asText()))));
                Iterator<String> bodies =
                        op.getValue().path("requestBody").path("content").fieldNames();
                operations.add(new Operation(
                        op.getKey().toUpperCase(), path.getKey(), roles, bodies.hasNext() ? bodies.next() : null));
            }
        }
        return operations;
    }

    /**
     * What does not answer as declared, one line each (empty: all is well). {@code keysByRole} holds a
     * valid key of each role; {@code badCredentials} credentials that must be refused (unknown, revoked,
     * expired, a token nobody signed); {@code concrete} fills a path's parameters.
     */
    public List<String> violations(
            List<Operation> operations,
            Map<String, String> keysByRole,
            Map<String, String> badCredentials,
            UnaryOperator<String> concrete)
            throws IOException, InterruptedException {
        List<String> wrong = new ArrayList<>();
        for (Operation op : operations) {
            String path = concrete.apply(op.path());
            if (op.isPublic()) {
                int anonymous = status(send(op, path, null));
                if (anonymous == 401 || anonymous == 403) {
                    wrong.add(op + ": without a credential answered " + anonymous
                            + " (an endpoint without a declared rule is denied to everyone)");
                }
                continue;
            }
            HttpResponse<String> withNone = send(op, path, null);
            // A staff console's page sends a browser without a session to sign in: its form of 401.
            boolean toSignIn = withNone.statusCode() == 303
                    && withNone.headers()
                            .firstValue("Location")
                            .filter(l -> l.contains(CONSOLE_SIGN_IN))
                            .isPresent();
            expect(wrong, op, "without a credential", toSignIn ? 401 : status(withNone), 401);
            for (Map.Entry<String, String> bad : badCredentials.entrySet()) {
                expect(wrong, op, "with " + bad.getKey(), status(send(op, path, bad.getValue())), 401);
            }
            for (Map.Entry<String, String> role : keysByRole.entrySet()) {
                int status = status(send(op, path, role.getValue()));
                if (op.roles().contains(role.getKey())) {
                    if (status == 401 || status == 403) {
                        wrong.add(op + ": the allowed role " + role.getKey() + " got " + status);
                    }
                } else {
                    expect(wrong, op, "as " + role.getKey(), status, 403);
                }
            }
        }
        return wrong;
    }

    private static void expect(List<String> wrong, Operation op, String how, int status, int expected) {
        if (status != expected) {
            wrong.add(op + ": " + how + " answered " + status + ", not " + expected);
        }
    }

    /** Sends the operation an empty body of the type it takes (a form: no fields). */
    private HttpResponse<String> send(Operation op, String path, String credential)
            throws IOException, InterruptedException {
        return FORM.equals(op.body())
                ? send(op.method(), path, credential, FORM, "")
                : send(op.method(), path, credential);
    }

    private static final String FORM = "application/x-www-form-urlencoded";

    /** What the pages answer a form posted without its CSRF token: past access control, refused by the form. */
    static final String FORM_REFUSED = "Form not accepted";

    /**
     * The answer's status, except that a form refused for its missing CSRF token counts as reached (the
     * request got past access control): {@code 299}.
     */
    private static int status(HttpResponse<String> answer) {
        return answer.statusCode() == 403 && answer.body().contains(FORM_REFUSED) ? 299 : answer.statusCode();
    }

    /** Sends {@code {}} as the body of POST, PUT and PATCH; {@code credential} null sends none. */
    public HttpResponse<String> send(String method, String path, String credential)
            throws IOException, InterruptedException {
        boolean withBody = Set.of("POST", "PUT", "PATCH").contains(method);
        return send(method, path, credential, withBody ? "application/json" : null, withBody ? "{}" : null);
    }

    /** {@code body} of {@code contentType} (both null: no body); {@code credential} null sends none. */
    private HttpResponse<String> send(String method, String path, String credential, String contentType, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(20))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (credential != null) {
            request.header("Authorization", "Bearer " + credential);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The paths of {@code operations}, for tests that name the ones they expect. */
    public static Set<String> describe(List<Operation> operations) {
        Set<String> described = new LinkedHashSet<>();
        operations.forEach(op -> described.add(op.method() + " " + op.path()));
        return described;
    }
}
