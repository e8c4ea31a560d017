package org.advocacyalerts.ingest.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import javax.sql.DataSource;
import org.advocacyalerts.api.Cursor;
import org.advocacyalerts.api.ProblemException;
import org.advocacyalerts.api.access.Roles;
import org.advocacyalerts.ingest.outbox.OutboxRelay;
import org.advocacyalerts.ingest.store.OutboxStore;
import org.advocacyalerts.support.Jdbc;

/**
 * {@code /api/outbox/failed}: events Kafka refused for good, moved aside so the rest flow, and a retry for
 * each once its cause is mended (a broker's {@code message.max.bytes} raised, say).
 */
@Path("/api/outbox/failed")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class OutboxResource {

    private static final int MAX_LIMIT = 500;

    private final DataSource dataSource;
    private final OutboxStore outbox;
    private final OutboxRelay relay;

    OutboxResource(DataSource dataSource, OutboxStore outbox, OutboxRelay relay) {
        this.dataSource = dataSource;
        this.outbox = outbox;
        this.relay = relay;
    }

    @GET
    public Response failed(
            @QueryParam("limit") @DefaultValue("100") int limit,
            @QueryParam("after") @DefaultValue("0") long after,
            @Context UriInfo uri) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.invalid("limit", "must be 1-" + MAX_LIMIT);
        }
        return Cursor.page(
                Jdbc.inTransaction(dataSource, c -> outbox.failed(c, after, limit)),
                limit,
                uri,
                "after",
                OutboxStore.FailedEvent::id);
    }

    /** 202: the event is back in line and published at once; 404 if no such event waits aside. */
    @POST
    @Path("/{id}/retry")
    public Response retry(@PathParam("id") long id) {
        if (!Jdbc.inTransaction(dataSource, c -> outbox.retry(c, id))) {
            throw ProblemException.notFound("failed outbox event " + id);
        }
        relay.wake();
        return Response.accepted().build();
    }
}
