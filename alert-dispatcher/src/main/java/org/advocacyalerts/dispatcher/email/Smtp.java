package org.advocacyalerts.dispatcher.email;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.advocacyalerts.dispatcher.config.DispatcherConfig;

/**
 * Every email this service sends goes through here: the mailer has no time limit of its own, and one
 * hung SMTP exchange held a sender thread (and the alert's claim) for about a minute. An SMTP server gets
 * as long as a webhook receiver.
 */
@ApplicationScoped
public class Smtp {

    private final ReactiveMailer mailer;
    private final Duration timeout;

    Smtp(ReactiveMailer mailer, DispatcherConfig config) {
        this.mailer = mailer;
        this.timeout = config.webhook().requestTimeout();
    }

    /** Sends, or throws with a message that says why (the server's answer, or no answer in time). */
    public void send(Mail mail) {
        try {
            mailer.send(mail).await().atMost(timeout);
        } catch (io.smallrye.mutiny.TimeoutException e) {
            throw new IllegalStateException("SMTP: no answer within " + timeout, e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("SMTP: " + (e.getMessage() == null ? e.toString() : e.getMessage()), e);
        }
    }
}
