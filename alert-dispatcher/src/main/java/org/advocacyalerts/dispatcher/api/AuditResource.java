package org.advocacyalerts.dispatcher.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.advocacyalerts.api.Paging;
import org.advocacyalerts.api.ProblemException;
import org.advocacyalerts.api.access.AuditStore;
import org.advocacyalerts.api.access.Roles;

/**
 * {@code GET /api/audit} (admins): every change made through either service's API, newest first: who,
 * what, when, before and after, the request id. Pages with {@code ?before=<next>}.
 */
@Path("/api/audit")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    /** A page of entries and the cursor of the next (older) one; absent on the last page. */
    public record AuditPage(List<AuditStore.Entry> entries, Long next) {}

    static final int MAX_PAGE = 500;

    private final AuditStore store;

    AuditResource(AuditStore store) {
        this.store = store;
    }

    @GET
    public AuditPage list(@QueryParam("before") String before, @QueryParam("limit") String limit) {
        int max = Paging.limit(limit, 100, MAX_PAGE);
        Long cursor = null;
        if (before != null) {
            try {
                cursor = Long.parseLong(before);
            } catch (NumberFormatException e) {
                throw ProblemException.invalid("before", "must be the next cursor of a page before");
            }
        }
        List<AuditStore.Entry> page = store.page(cursor, max + 1);
        return page.size() > max
                ? new AuditPage(page.subList(0, max), page.get(max - 1).id())
                : new AuditPage(page, null);
    }
}
