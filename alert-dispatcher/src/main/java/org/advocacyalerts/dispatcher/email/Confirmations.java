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

    /**
     * Whether another confirmation email may go to {@code address}: fewer than {@code perHour} went to it
     * in the last hour, from any replica. Counting it is the caller's {@link #request}.
     */
    public boolean mayConfirm(String address, int perHour) {
        Instant hourAgo = clock.instant().minus(Duration.ofHours(1));
        return Jdbc.inTransaction(
                                dataSource,
                                c -> Jdbc.query(
                                        c,
                                        "SELECT count(*) FROM confirmation_sent WHERE address_hash = ? AND sent_at > ?",
                                        rs -> rs.getLong(1),
                                        addressHash(address),
                                        hourAgo))
                        .get(0)
                < perHour;
    }

    /** Marks the subscription unconfirmed until 7 days from now and sends the confirmation email. */
    public void request(UUID subscription, String address, List<String> topics) {
        Instant now = clock.instant();
        Instant by = now.plus(VALIDITY);
        Jdbc.inTransaction(dataSource, c -> {
            Jdbc.update(c, "UPDATE subscription SET confirm_by = ? WHERE id = ?", by, subscription);
            return countSent(c, address, now);
        });
        String confirm = links.confirmUrl(subscription, by);
        String what = topics.isEmpty() ? "your own query" : String.join(", ", topics);
        var values = java.util.Map.<String, Object>of("confirm", confirm, "topics", what, "expires", by.toString());
        mailer.send(Mail.withHtml(
                        address, "Confirm your Advocacy Alerts subscription", EmailTemplates.renderHtml(html, values))
                .setText(EmailTemplates.render(text, values)));
    }

    /** Counts an email that asks {@code address} to confirm something (see {@link #mayConfirm}). */
    public void countSent(String address) {
        Jdbc.inTransaction(dataSource, c -> countSent(c, address, clock.instant()));
    }

    private static int countSent(java.sql.Connection c, String address, Instant at) throws java.sql.SQLException {
        return Jdbc.update(
                c, "INSERT INTO confirmation_sent (address_hash, sent_at) VALUES (?, ?)", addressHash(address), at);
    }

    private static String addressHash(String address) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(address.toLowerCase(java.util.Locale.ROOT)
                                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
