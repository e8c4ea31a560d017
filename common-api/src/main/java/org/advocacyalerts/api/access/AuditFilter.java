package org.advocacyalerts.api.access;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.time.Clock;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Gives every request an id ({@code X-Request-Id}: the client's when it sends a sane one, else a new
 * one, echoed in the answer), and writes every successful change by a signed-in caller to the audit
 * log: who, what, when, before and after, the request id. Reads, dry runs and statement intake
 * ({@link NotAChange}) are not changes.
 */
@Provider
public class AuditFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final Logger LOG = Logger.getLogger(AuditFilter.class);

    public static final String REQUEST_ID = "X-Request-Id";
    private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    @Context
    ResourceInfo resource;

    @Inject
    AuditTrail trail;

    @Inject
    AuditStore store;

    @Inject
    SecurityIdentity identity;

    @Inject
    Caller caller;

    @Inject
    Clock clock;

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    @Override
    public void filter(ContainerRequestContext request) {
        String id = request.getHeaderString(REQUEST_ID);
        trail.requestId(
                id != null && SANE_ID.matcher(id).matches()
                        ? id
                        : UUID.randomUUID().toString());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String requestId = trail.requestId();
        if (requestId != null) {
            response.getHeaders().putSingle(REQUEST_ID, requestId);
        }
        if (READS.contains(request.getMethod())
                || response.getStatus() >= 300
                || requestId == null
                || resource.getResourceMethod() == null
                || resource.getResourceMethod().isAnnotationPresent(NotAChange.class)
                // public actions (a subscriber's email links) are not an admin's or integrator's; and
                // asking for the identity there would check a credential nobody needed
                || resource.getResourceMethod().isAnnotationPresent(PermitAll.class)
                || resource.getResourceClass().isAnnotationPresent(PermitAll.class)
                || identity.isAnonymous()) {
            return;
        }
        String role = Roles.ALL.stream()
                .filter(identity::hasRole)
                .sorted()
                .findFirst()
                .orElse("none");
        try {
            store.insert(new AuditStore.Entry(
                    0,
                    clock.instant(),
                    caller.who(),
                    role,
                    caller.tenant().orElse(null),
                    service,
                    request.getMethod() + " " + request.getUriInfo().getPath(),
                    response.getStatus(),
                    requestId,
                    store.scrubbed(trail.before()),
                    store.scrubbed(trail.after())));
        } catch (RuntimeException e) {
            // The change is made; losing its record is bad, failing the answer after the fact is worse.
            LOG.errorf(
                    "audit entry of request %s (%s %s) not written: %s",
                    requestId, request.getMethod(), request.getUriInfo().getPath(), e.getMessage());
        }
    }
}
