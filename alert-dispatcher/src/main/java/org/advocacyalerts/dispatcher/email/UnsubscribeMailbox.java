package org.advocacyalerts.dispatcher.email;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.SubjectTerm;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.advocacyalerts.dispatcher.config.DispatcherConfig;
import org.advocacyalerts.dispatcher.store.SubscriptionStore;

/**
 * Reads the unsubscribe requests mail clients send to the {@code mailto:} of List-Unsubscribe (Apple
 * Mail, for one, unsubscribes that way): an email whose subject is {@code unsubscribe <token>}, with the
 * token of that subscription's links, deletes the subscription, as the one-click link does. Such
 * requests are deleted from the mailbox once read, valid or not; any other mail there (replies, bounces)
 * is left untouched for people to read.
 */
@ApplicationScoped
public class UnsubscribeMailbox {

    private static final Pattern REQUEST = Pattern.compile("(?i)^\\s*unsubscribe\\s+(\\S+)\\s*$");
    private static final int TIMEOUT_MS = 10_000;

    private final DispatcherConfig.UnsubscribeMailbox config;
    private final LinkTokens tokens;
    private final SubscriptionStore subscriptions;

    UnsubscribeMailbox(DispatcherConfig config, LinkTokens tokens, SubscriptionStore subscriptions) {
        this.config = config.unsubscribeMailbox();
        this.tokens = tokens;
        this.subscriptions = subscriptions;
    }

    void announce(@Observes StartupEvent event) {
        if (config.host().isEmpty()) {
            Log.info("unsubscribe requests by email are not read: set DISPATCHER_UNSUBSCRIBE_MAILBOX_HOST"
                    + " (the IMAP mailbox of the sender address); the one-click link works without it");
        }
    }

    @Scheduled(
            every = "${dispatcher.unsubscribe-mailbox.check-interval}",
            delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void read() {
        if (config.host().isEmpty()) {
            return;
        }
        String protocol = config.tls() ? "imaps" : "imap";
        Properties props = new Properties();
        props.put("mail." + protocol + ".connectiontimeout", String.valueOf(TIMEOUT_MS));
        props.put("mail." + protocol + ".timeout", String.valueOf(TIMEOUT_MS));
        props.put("mail." + protocol + ".writetimeout", String.valueOf(TIMEOUT_MS));
        try (Store store = Session.getInstance(props).getStore(protocol)) {
            store.connect(
                    config.host().get(),
                    config.port(),
                    config.username().orElse(null),
                    config.password().orElse(null));
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            int unsubscribed = 0;
            try {
                for (Message message : inbox.search(new SubjectTerm("unsubscribe"))) {
                    Matcher request = REQUEST.matcher(Objects.requireNonNullElse(message.getSubject(), ""));
                    if (!request.matches()) {
                        continue; // mentions unsubscribing, but is not a request: for people to read
                    }
                    if (unsubscribe(request.group(1))) {
                        unsubscribed++;
                    }
                    message.setFlag(Flags.Flag.DELETED, true);
                }
            } finally {
                inbox.close(true); // expunge what was read
            }
            if (unsubscribed > 0) {
                Log.infof("%d subscription(s) unsubscribed by email", unsubscribed);
            }
        } catch (MessagingException | RuntimeException e) {
            Log.warnf(
                    "could not read the unsubscribe mailbox %s (tried again later): %s",
                    config.host().get(), e);
        }
    }

    /** Whether the token was ours (its subscription is deleted, if it still existed). */
    private boolean unsubscribe(String token) {
        Optional<UUID> subscription = tokens.verify(LinkTokens.Purpose.UNSUBSCRIBE, token);
        if (subscription.isEmpty()) {
            Log.info("ignored an unsubscribe email with a token that is not ours");
            return false;
        }
        subscriptions.delete(subscription.get());
        return true;
    }
}
