package org.advocacyalerts.dispatcher.email;

import io.quarkus.logging.Log;
import io.quarkus.mailer.Mail;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.advocacyalerts.dispatcher.config.DispatcherConfig;
import org.advocacyalerts.dispatcher.store.SubscriptionStore;
import org.advocacyalerts.support.Jdbc;

/**
 * Tells a webhook subscription's {@code contact} that it was disabled (410 Gone, or 5 days without a
 * success), with the reason and how to recover. Looked for on a schedule rather than sent by the
 * delivery worker, so a notice survives a crash or an SMTP outage: it is marked sent only after the
 * SMTP server took it, and tried again at the next look otherwise. Recovering the subscription makes a
 * later disabling notify again.
 */
@ApplicationScoped
public class OwnerNotices {

    /** Notices claimed at once: few, as each may take the SMTP time limit to fail. */
    private static final int PER_LOOK = 10;

    private final DataSource dataSource;
    private final SubscriptionStore subscriptions;
    private final Smtp mailer;
    private final Template html;
    private final Template text;
    private final Clock clock;
    private final String publicUrl;
    private final Duration claim;

    OwnerNotices(
            DataSource dataSource,
            SubscriptionStore subscriptions,
            Smtp mailer,
            @Location("email/disabled.html") Template html,
            @Location("email/disabled.txt") Template text,
            Clock clock,
            DispatcherConfig config) {
        this.dataSource = dataSource;
        this.subscriptions = subscriptions;
        this.mailer = mailer;
        this.html = html;
        this.text = text;
        this.clock = clock;
        this.publicUrl = config.publicUrl().replaceAll("/+$", "");
        // Long enough to send every notice of one claim at the SMTP time limit each, and then some.
        this.claim = config.webhook().requestTimeout().multipliedBy(PER_LOOK).plusMinutes(1);
    }

    @Scheduled(
            every = "${dispatcher.owner-notices.check-interval}",
            delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tellOwners() {
        List<SubscriptionStore.Disabled> claimed;
        do {
            claimed = Jdbc.inTransaction(dataSource, c -> subscriptions.claimUntold(c, PER_LOOK, claim));
            for (SubscriptionStore.Disabled disabled : claimed) {
                tell(disabled);
            }
        } while (claimed.size() == PER_LOOK);
    }

    /** Sends one notice with no transaction open, then records it as sent (or frees it for the next look). */
    private void tell(SubscriptionStore.Disabled disabled) {
        try {
            mailer.send(notice(disabled));
        } catch (RuntimeException e) {
            Log.warnf(
                    "could not tell the owner of subscription %s that it was disabled (tried again later): %s",
                    disabled.id(), e.getMessage());
            Jdbc.inTransaction(dataSource, c -> {
                subscriptions.releaseNotice(c, disabled.id());
                return null;
            });
            return;
        }
        Jdbc.inTransaction(dataSource, c -> {
            subscriptions.told(c, disabled.id(), clock.instant());
            return null;
        });
    }

    private Mail notice(SubscriptionStore.Disabled disabled) {
        String since = Instant.now(clock).minus(Duration.ofDays(7)).toString();
        Map<String, Object> values = Map.of(
                "target",
                disabled.target(),
                "id",
                disabled.id().toString(),
                "reason",
                disabled.reason() == null ? "disabled" : disabled.reason(),
                "recover",
                publicUrl + "/api/subscriptions/" + disabled.id() + "/recover?since="
                        + URLEncoder.encode(since, StandardCharsets.UTF_8),
                "deliveries",
                publicUrl + "/api/deliveries?subscriptionId=" + disabled.id());
        // The subject names the endpoint's host only, without any line break (no header injection).
        String host = URI.create(disabled.target()).getHost();
        String subject = ("Webhook alerts to " + (host == null ? "your endpoint" : host) + " are stopped")
                .replaceAll("[\\r\\n\\t\\x00-\\x1f\\x7f]", " ");
        return Mail.withHtml(disabled.contact(), subject, EmailTemplates.renderHtml(html, values))
                .setText(EmailTemplates.render(text, values));
    }
}
