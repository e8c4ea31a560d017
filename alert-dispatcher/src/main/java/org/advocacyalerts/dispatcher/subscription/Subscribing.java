package org.advocacyalerts.dispatcher.subscription;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.UUID;
import org.advocacyalerts.api.Problem;
import org.advocacyalerts.api.ProblemException;
import org.advocacyalerts.api.access.AuditTrail;
import org.advocacyalerts.api.limits.LimitsConfig;
import org.advocacyalerts.api.limits.RateLimiter;
import org.advocacyalerts.api.limits.TooManyRequests;
import org.advocacyalerts.dispatcher.api.SubscriptionRequest;
import org.advocacyalerts.dispatcher.api.SubscriptionValidator;
import org.advocacyalerts.dispatcher.delivery.WebhookSecrets;
import org.advocacyalerts.dispatcher.email.Confirmations;
import org.advocacyalerts.dispatcher.email.ContactVerification;
import org.advocacyalerts.dispatcher.match.TopicRegistry;
import org.advocacyalerts.dispatcher.store.Subscription;
import org.advocacyalerts.dispatcher.store.SubscriptionStore;

/**
 * Makes a subscription from a validated request, whoever asks (an integrator through the API, a person
 * through the portal): an email subscription waits, unconfirmed, for the link of its confirmation email
 * (double opt-in), within the limits on confirmation emails per client and per address; a webhook's
 * contact gets a verification email. If an email cannot be sent, nothing is stored.
 */
@ApplicationScoped
public class Subscribing {

    private final SubscriptionStore store;
    private final TopicRegistry registry;
    private final Clock clock;
    private final Confirmations confirmations;
    private final ContactVerification contacts;
    private final AuditTrail audit;
    private final RateLimiter rateLimiter;
    private final LimitsConfig limits;

    Subscribing(
            SubscriptionStore store,
            TopicRegistry registry,
            Clock clock,
            Confirmations confirmations,
            ContactVerification contacts,
            AuditTrail audit,
            RateLimiter rateLimiter,
            LimitsConfig limits) {
        this.store = store;
        this.registry = registry;
        this.clock = clock;
        this.confirmations = confirmations;
        this.contacts = contacts;
        this.audit = audit;
        this.rateLimiter = rateLimiter;
        this.limits = limits;
    }

    /**
     * The new subscription of {@code valid} (see {@link SubscriptionValidator}), owned by {@code tenant}
     * (null: nobody's, an admin's or the public's), asked for from {@code clientAddress}.
     */
    public Subscription create(SubscriptionRequest valid, String tenant, String clientAddress) {
        boolean email = SubscriptionValidator.EMAIL.equals(valid.channel());
        if (email) {
            limitConfirmations(valid.target(), clientAddress);
        }
        if (valid.contact() != null) {
            limitConfirmations(valid.contact(), clientAddress); // the contact gets a verification email
        }
        Subscription subscription = new Subscription(
                UUID.randomUUID(),
                valid.channel(),
                valid.target(),
                valid.topics(),
                valid.query(),
                valid.sourceIds(),
                valid.languages(),
                email ? "unconfirmed" : "active",
                clock.instant(),
                WebhookSecrets.generate(),
                null,
                valid.mode(),
                valid.timeZone(),
                valid.contact(),
                tenant);
        store.insert(subscription);
        audit.after(subscription.withoutSecret());
        if (email) {
            sendOrUndo(
                    subscription,
                    "the confirmation email",
                    () -> confirmations.request(subscription.id(), subscription.target(), subscription.topics()));
            return subscription;
        }
        if (subscription.query() != null) {
            registry.reloadSubscriptionQueries(); // this replica at once; others within their refresh interval
        }
        if (subscription.contact() != null) {
            sendOrUndo(
                    subscription,
                    "the contact's verification email",
                    () -> contacts.request(subscription.id(), subscription.contact(), subscription.target()));
        }
        return subscription;
    }

    /** Sends an email the new subscription needs; if the mail server refuses, nothing half-made stays. */
    private void sendOrUndo(Subscription subscription, String what, Runnable send) {
        try {
            send.run();
        } catch (RuntimeException e) {
            store.delete(subscription.id());
            throw new ProblemException(Problem.of(
                    503,
                    "Mail server unavailable",
                    what + " could not be sent (" + e.getMessage() + "); nothing was stored, try again later"));
        }
    }

    /** Confirmation emails: a few an hour to one address, and some more from one client address. */
    private void limitConfirmations(String address, String clientAddress) {
        if (!limits.enabled()) {
            return;
        }
        int perClient = limits.confirmationsPerClientPerHour();
        String from = clientAddress == null ? "unknown" : clientAddress;
        rateLimiter.take("confirmations:" + from, perClient / 3600.0, perClient).ifPresent(wait -> {
            throw new TooManyRequests("too many email subscriptions from this client; wait and try again", wait);
        });
        if (!confirmations.mayConfirm(address, limits.confirmationsPerAddressPerHour())) {
            throw new TooManyRequests(
                    "confirmation emails to this address were sent in the last hour; look for them, or try later",
                    3600);
        }
    }
}
