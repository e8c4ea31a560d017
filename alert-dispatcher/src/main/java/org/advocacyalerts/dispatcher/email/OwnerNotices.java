package org.advocacyalerts.dispatcher.email;

import io.quarkus.logging.Log;
import io.quarkus.mailer.Mail;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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

    private static final int PER_LOOK = 50;

    private final DataSource dataSource;
    private final SubscriptionStore subscriptions;
    private final Smtp mailer;
    private final Template html;
    private final Template text;
    private final Clock clock;
    private final String publicUrl;

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
    }

    @Scheduled(
            every = "${dispatcher.owner-notices.check-interval}",
            delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tellOwners() {
        int told;
        do {
            told = Jdbc.inTransaction(dataSource, c -> {
                int sent = 0;
                for (SubscriptionStore.Disabled disabled : subscriptions.lockUntold(c, PER_LOOK)) {
                    try {
                        mailer.send(notice(disabled));
                    } catch (RuntimeException e) {
                        Log.warnf(
                                "could not tell %s that subscription %s was disabled (tried again later): %s",
                                disabled.contact(), disabled.id(), e.getMessage());
                        continue;
                    }
                    subscriptions.told(c, disabled.id(), clock.instant());
                    sent++;
                }
                return sent;
            });
        } while (told == PER_LOOK);
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
        String host = java.net.URI.create(disabled.target()).getHost();
        String subject = ("Webhook alerts to " + (host == null ? "your endpoint" : host) + " are stopped")
                .replaceAll("[\\r\\n\\t\\x00-\\x1f\\x7f]", " ");
        return Mail.withHtml(disabled.contact(), subject, EmailTemplates.renderHtml(html, values))
                .setText(EmailTemplates.render(text, values));
    }
}
