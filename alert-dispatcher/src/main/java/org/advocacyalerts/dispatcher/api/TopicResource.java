package org.advocacyalerts.dispatcher.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.advocacyalerts.api.ProblemException;
import org.advocacyalerts.dispatcher.match.Topic;
import org.advocacyalerts.dispatcher.match.TopicRegistry;
import org.advocacyalerts.dispatcher.match.TopicValidator;
import org.advocacyalerts.dispatcher.store.TopicStore;

/** {@code /api/topics}: what subscribers can follow, each with its query and aliases. */
@Path("/api/topics")
@Produces(MediaType.APPLICATION_JSON)
public class TopicResource {

    /** The body of {@code PUT /api/topics/{id}}: the id comes from the path. */
    public record TopicRequest(String name, String description, String query, List<List<String>> aliases) {}

    private final TopicStore store;
    private final TopicRegistry registry;

    TopicResource(TopicStore store, TopicRegistry registry) {
        this.store = store;
        this.registry = registry;
    }

    @GET
    public List<Topic> list() {
        return store.all();
    }

    @GET
    @Path("/{id}")
    public Topic get(@PathParam("id") String id) {
        return store.find(id).orElseThrow(() -> ProblemException.notFound("topic " + id));
    }

    /**
     * Creates (201) or replaces (200) a topic. The query is checked first: a syntax error is a 400 that
     * names its position. Every replica matches with the new query within about a second.
     */
    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response put(@PathParam("id") String id, TopicRequest request, @Context UriInfo uri) {
        if (request == null) {
            throw ProblemException.invalid(
                    "body", "a JSON object with name, description, query and aliases is required");
        }
        Topic topic = new Topic(id, request.name(), request.description(), request.query(), request.aliases());
        TopicValidator.check(topic, registry).throwIfAny();
        TopicStore.Outcome outcome = store.put(topic);
        registry.reload(); // this replica at once; the others within their refresh interval
        return outcome == TopicStore.Outcome.CREATED
                ? Response.created(uri.getAbsolutePath()).entity(topic).build()
                : Response.ok(topic).build();
    }
}
