package org.advocacyalerts.dispatcher.web;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.util.Base64;
import org.advocacyalerts.api.ProblemException;
import org.advocacyalerts.dispatcher.config.DispatcherConfig;
import org.advocacyalerts.dispatcher.match.Topic;
import org.advocacyalerts.dispatcher.store.TopicMatchStore;
import org.advocacyalerts.dispatcher.store.TopicStore;
import org.advocacyalerts.model.Sha256;

/**
 * {@code /topics/{id}/feed.atom}: a topic's latest matching statements for feed readers, public. A
 * reader that sends back the {@code ETag} it got ({@code If-None-Match}) gets 304 and no body until the
 * feed changes.
 */
@Path("/topics")
@PermitAll
public class FeedResource {

    static final String ATOM_TYPE = "application/atom+xml";

    /** Entries per feed: readers keep what they saw; 50 covers weeks of a busy topic. */
    static final int ENTRIES = 50;

    /** Readers may reuse a feed for a minute without asking (a new statement shows within it). */
    private static final int MAX_AGE_SECONDS = 60;

    private final TopicStore topics;
    private final TopicMatchStore matches;
    private final String base;

    FeedResource(TopicStore topics, TopicMatchStore matches, DispatcherConfig config) {
        this.topics = topics;
        this.matches = matches;
        this.base = config.publicUrl().replaceAll("/+$", "");
    }

    @GET
    @Path("/{id}/feed.atom")
    @Produces(ATOM_TYPE)
    public Response feed(@PathParam("id") String id, @Context Request request) {
        Topic topic = topics.find(id).orElseThrow(() -> ProblemException.notFound("topic " + id));
        byte[] feed = AtomFeed.of(topic, matches.latest(topic.id(), ENTRIES), base);
        EntityTag tag = new EntityTag(digest(feed));
        CacheControl cache = new CacheControl();
        cache.setMaxAge(MAX_AGE_SECONDS);
        Response.ResponseBuilder unchanged = request.evaluatePreconditions(tag);
        if (unchanged != null) {
            return unchanged.cacheControl(cache).build(); // 304 with the tag, no body
        }
        return Response.ok(feed, ATOM_TYPE + "; charset=UTF-8")
                .tag(tag)
                .cacheControl(cache)
                .build();
    }

    /** The tag of a feed's bytes: any change to what a reader would get changes it. */
    private static String digest(byte[] feed) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(Sha256.of(feed))
                .substring(0, 22);
    }
}
