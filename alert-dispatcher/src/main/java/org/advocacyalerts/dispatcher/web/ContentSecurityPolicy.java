package org.advocacyalerts.dispatcher.web;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The Content-Security-Policy of every answer: no script runs (pages work without one), styles and
 * images from this service only, forms post here only, no page in a frame, no {@code <base>}. A page that
 * a script of this service's own improves ({@link #allowOwnScripts}) also lets that script run and ask
 * this service, still never an inline one. One header per answer: a second would be enforced too.
 */
@ApplicationScoped
public class ContentSecurityPolicy {

    public static final String HEADER = "Content-Security-Policy";

    static final String STRICT = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self';"
            + " frame-ancestors 'none'; base-uri 'none'";

    static final String OWN_SCRIPTS = STRICT + "; script-src 'self'; connect-src 'self'";

    private static final String SCRIPTED = ContentSecurityPolicy.class.getName() + ".scripted";

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::apply);
    }

    private void apply(RoutingContext context) {
        context.addHeadersEndHandler(ended -> context.response()
                .headers()
                .set(HEADER, Boolean.TRUE.equals(context.get(SCRIPTED)) ? OWN_SCRIPTS : STRICT));
        context.next();
    }

    /** This answer's page runs this service's own scripts ({@code /static/*.js}). */
    public static void allowOwnScripts(RoutingContext context) {
        context.put(SCRIPTED, true);
    }
}
