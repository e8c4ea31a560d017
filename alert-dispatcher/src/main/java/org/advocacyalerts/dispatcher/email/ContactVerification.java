package org.advocacyalerts.dispatcher.email;

import io.quarkus.mailer.Mail;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.advocacyalerts.dispatcher.store.ConfirmationStore;
import org.advocacyalerts.support.Jdbc;

/**
 * The owner contact of a webhook subscription gets notices only once verified: a verification email
 * whose link (valid 7 days) opens a page whose button verifies.
 */
@ApplicationScoped
public class ContactVerification {

    private final Smtp mailer;
    private final Template html;
    private final Template text;
    private final EmailLinks links;
    private final DataSource dataSource;
    private final Clock clock;
    private final Confirmations confirmations;
    private final ConfirmationStore store;

    ContactVerification(
            Smtp mailer,
            @Location("email/verify-contact.html") Template html,
            @Location("email/verify-contact.txt") Template text,
            EmailLinks links,
            DataSource dataSource,
            Clock clock,
            Confirmations confirmations,
            ConfirmationStore store) {
        this.mailer = mailer;
        this.html = html;
        this.text = text;
        this.links = links;
        this.dataSource = dataSource;
        this.clock = clock;
        this.confirmations = confirmations;
        this.store = store;
    }

    /** Sends the verification email to the subscription's contact; throws when the mail server refuses. */
    public void request(UUID subscription, String contact, String target) {
        confirmations.countSent(contact);
        Instant by = clock.instant().plus(Confirmations.VALIDITY);
        Map<String, Object> values = Map.of(
                "verify", links.url(LinkTokens.Purpose.VERIFY_CONTACT, subscription, by),
                "target", target,
                "expires", by.toString());
        mailer.send(Mail.withHtml(
                        contact,
                        "Confirm this address for Advocacy Alerts notices",
                        EmailTemplates.renderHtml(html, values))
                .setText(EmailTemplates.render(text, values)));
    }

    /** Marks the contact verified; false when the subscription is gone. */
    public boolean verify(UUID subscription) {
        return Jdbc.inTransaction(dataSource, c -> store.verifyContact(c, subscription, clock.instant()));
    }
}
