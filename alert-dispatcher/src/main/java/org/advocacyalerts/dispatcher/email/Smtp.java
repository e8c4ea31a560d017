package org.advocacyalerts.dispatcher.email;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.TimeoutException;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.advocacyalerts.dispatcher.config.DispatcherConfig;

/**
 * Every email this service sends goes through here: the mailer has no time limit of its own, and one
 * hung SMTP exchange held a sender thread (and the alert's claim) for about a minute. An SMTP server gets
 * as long as a webhook receiver.
 *
 * <p>Every send starts on one Vert.x event-loop context. Started from the senders' own threads, the
 * mail client (vertx-mail-client 4.5) gives each send a new context, and when it opens several
 * connections at once some never see the server's greeting: those sends hang until the time limit
 * (reproduced alone with 32 sends on a fresh pool: 7 of 90 rounds had 1-2 hung sends from worker
 * threads, none in 120 rounds from one event-loop context). The benchmark saw 3-14 hung sends in about
 * every other run, each alert then 20 s late.
 */
@ApplicationScoped
public class Smtp {

    private final ReactiveMailer mailer;
    private final Duration timeout;
    private final Context context;

    Smtp(ReactiveMailer mailer, DispatcherConfig config, Vertx vertx) {
        this.mailer = mailer;
        this.timeout = config.webhook().requestTimeout();
        // A context of its own, whatever thread creates this bean (a request's context would not do).
        this.context = ((VertxInternal) vertx).createEventLoopContext();
    }

    /** Sends, or throws with a message that says why (the server's answer, or no answer in time). */
    public void send(Mail mail) {
        try {
            mailer.send(mail)
                    .runSubscriptionOn(command -> context.runOnContext(ignored -> command.run()))
                    .await()
                    .atMost(timeout);
        } catch (TimeoutException e) {
            throw new IllegalStateException("SMTP: no answer within " + timeout, e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("SMTP: " + (e.getMessage() == null ? e.toString() : e.getMessage()), e);
        }
    }
}
