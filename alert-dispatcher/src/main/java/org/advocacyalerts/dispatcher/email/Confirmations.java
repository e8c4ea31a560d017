package org.advocacyalerts.dispatcher.email;

import io.quarkus.logging.Log;
import io.quarkus.mailer.Mail;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.advocacyalerts.dispatcher.store.ConfirmationStore;
import org.advocacyalerts.support.Jdbc;

/**
 * Double opt-in: an email subscription is {@code unconfirmed} until the link in its confirmation email
 * is opened within 7 days; only that one email ever goes to an unconfirmed address, and unconfirmed
 * subscriptions are deleted when their link expires.
 */
@ApplicationScoped
public class Confirmations {

    public static final Duration VALIDITY = Duration.ofDays(7);

    private final Smtp mailer;
    private final Template html;
    private final Template text;
    private final EmailLinks links;
    private final DataSource dataSource;
    private final Clock clock;
    private final ConfirmationStore store;

    Confirmations(
            Smtp mailer,
            @Location("email/confirm.html") Template html,
            @Location("email/confirm.txt") Template text,
            EmailLinks links,
            DataSource dataSource,
            Clock clock,
            ConfirmationStore store) {
        this.mailer = mailer;
        this.html = html;
        this.text = text;
        this.links = links;
        this.dataSource = dataSource;
        this.clock = clock;
        this.store = store;
    }

    /**
     * Whether another confirmation email may go to {@code address}: fewer than {@code perHour} went to it
     * in the last hour, from any replica. Counting it is the caller's {@link #request}.
     */
    public boolean mayConfirm(String address, int perHour) {
        Instant hourAgo = clock.instant().minus(Duration.ofHours(1));
        return Jdbc.inTransaction(dataSource, c -> store.sentSince(c, address, hourAgo)) < perHour;
    }

    /** Marks the subscription unconfirmed until 7 days from now and sends the confirmation email. */
    public void request(UUID subscription, String address, List<String> topics) {
        Instant now = clock.instant();
        Instant by = now.plus(VALIDITY);
        Jdbc.inTransaction(dataSource, c -> {
            store.awaitConfirmation(c, subscription, by);
            store.countSent(c, address, now);
            return null;
        });
        String confirm = links.confirmUrl(subscription, by);
        String what = topics.isEmpty() ? "your own query" : String.join(", ", topics);
        Map<String, Object> values = Map.of("confirm", confirm, "topics", what, "expires", by.toString());
        mailer.send(Mail.withHtml(
                        address, "Confirm your Advocacy Alerts subscription", EmailTemplates.renderHtml(html, values))
                .setText(EmailTemplates.render(text, values)));
    }

    /** Counts an email that asks {@code address} to confirm something (see {@link #mayConfirm}). */
    public void countSent(String address) {
        Jdbc.inTransaction(dataSource, c -> {
            store.countSent(c, address, clock.instant());
            return null;
        });
    }

    /**
     * Activates an unconfirmed subscription whose link is still valid; false if there is none. It is
     * alerted about statements accepted from now on.
     */
    public boolean confirm(UUID subscription) {
        return Jdbc.inTransaction(dataSource, c -> store.confirm(c, subscription, clock.instant()));
    }

    /** Whether the subscription exists and is active (a second click on the link). */
    public boolean isActive(UUID subscription) {
        return Jdbc.inTransaction(dataSource, c -> store.isActive(c, subscription));
    }

    @Scheduled(every = "1h", delayed = "1m")
    void deleteExpired() {
        int deleted = Jdbc.inTransaction(dataSource, c -> store.deleteUnconfirmedBefore(c, clock.instant()));
        if (deleted > 0) {
            Log.infof("deleted %d email subscription(s) never confirmed", deleted);
        }
    }
}
