package org.advocacyalerts.api.access;

import java.util.Set;

/** The three roles a caller may hold; endpoints name them in {@code @RolesAllowed}. */
public final class Roles {

    /** Sources, topics, keys, statement intake, every subscription and delivery. */
    public static final String ADMIN = "admin";

    /** Posts statements for the sources its key allows (a partner group pushing its releases). */
    public static final String PUBLISHER = "publisher";

    /** A tenant: its own subscriptions, deliveries and dry runs only. */
    public static final String INTEGRATOR = "integrator";

    public static final Set<String> ALL = Set.of(ADMIN, PUBLISHER, INTEGRATOR);

    private Roles() {}
}
