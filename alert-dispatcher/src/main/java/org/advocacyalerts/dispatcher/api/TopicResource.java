package org.advocacyalerts.dispatcher.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.advocacyalerts.api.ProblemException;
import org.advocacyalerts.dispatcher.match.Topic;
import org.advocacyalerts.dispatcher.store.TopicStore;

/** {@code /api/topics}: what subscribers can follow, with the words and phrases each one matches. */
@Path("/api/topics")
@Produces(MediaType.APPLICATION_JSON)
public class TopicResource {

    private final TopicStore store;

    TopicResource(TopicStore store) {
        this.store = store;
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
}
