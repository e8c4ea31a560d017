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
import java.util.UUID;
import javax.sql.DataSource;
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

    Confirmations(
            Smtp mailer,
            @Location("email/confirm.html") Template html,
            @Location("email/confirm.txt") Template text,
            EmailLinks links,
            DataSource dataSource,
            Clock clock) {
        this.mailer = mailer;
        this.html = html;
        this.text = text;
        this.links = links;
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Marks the subscription unconfirmed until 7 days from now and sends the confirmation email. */
    public void request(UUID subscription, String address, List<String> topics) {
        Instant by = clock.instant().plus(VALIDITY);
        Jdbc.inTransaction(
                dataSource,
                c -> Jdbc.update(c, "UPDATE subscription SET confirm_by = ? WHERE id = ?", by, subscription));
        String confirm = links.confirmUrl(subscription, by);
        String what = topics.isEmpty() ? "your own query" : String.join(", ", topics);
        var values = java.util.Map.<String, Object>of("confirm", confirm, "topics", what, "expires", by.toString());
        mailer.send(Mail.withHtml(
                        address, "Confirm your Advocacy Alerts subscription", EmailTemplates.renderHtml(html, values))
                .setText(EmailTemplates.render(text, values)));
    }

    /**
     * Activates an unconfirmed subscription whose link is still valid; false if there is none. It is
     * alerted about statements accepted from now on.
     */
    public boolean confirm(UUID subscription) {
        Instant now = clock.instant();
        return Jdbc.inTransaction(
                        dataSource,
                        c -> Jdbc.update(
                                c,
                                "UPDATE subscription SET status = 'active', confirm_by = NULL, active_since = ?"
                                        + " WHERE id = ? AND status = 'unconfirmed' AND confirm_by >= ?",
                                now,
                                subscription,
                                now))
                == 1;
    }

    /** Whether the subscription exists and is active (a second click on the link). */
    public boolean isActive(UUID subscription) {
        return !Jdbc.inTransaction(
                        dataSource,
                        c -> Jdbc.query(
                                c,
                                "SELECT 1 FROM subscription WHERE id = ? AND status = 'active'",
                                rs -> 1,
                                subscription))
                .isEmpty();
    }

    @Scheduled(every = "1h", delayed = "1m")
    void deleteExpired() {
        int deleted = Jdbc.inTransaction(
                dataSource,
                c -> Jdbc.update(
                        c,
                        "DELETE FROM subscription WHERE status = 'unconfirmed' AND confirm_by < ?",
                        clock.instant()));
        if (deleted > 0) {
            Log.infof("deleted %d email subscription(s) never confirmed", deleted);
        }
    }
}
