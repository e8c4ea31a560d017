package org.advocacyalerts.dispatcher.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.advocacyalerts.dispatcher.config.DispatcherConfig;
import org.advocacyalerts.dispatcher.store.AlertStore.Attempt;

/**
 * When a failed attempt disables its subscription: at once on 410 Gone (the receiver says it is gone
 * for good), or after {@code disableAfter} without a single success (a receiver nobody fixes stops
 * costing retries). The reason is shown to the subscription's owner.
 */
@ApplicationScoped
public class DisablePolicy {

    private final Duration disableAfter;

    @Inject
    DisablePolicy(DispatcherConfig config) {
        this(config.delivery().disableAfter());
    }

    DisablePolicy(Duration disableAfter) {
        this.disableAfter = disableAfter;
    }

    /** Why the attempt's subscription is disabled now, if it is. */
    public Optional<String> reasonToDisable(Attempt attempt) {
        if (attempt.result().delivered()) {
            return Optional.empty();
        }
        if (attempt.result().gone()) {
            return Optional.of("the receiver answered 410 Gone at " + attempt.at());
        }
        Instant since = attempt.alert().subscriptionSince();
        if (since.plus(disableAfter).isBefore(attempt.at())) {
            return Optional.of("no successful delivery since " + since + " (last: "
                    + attempt.result().error() + ")");
        }
        return Optional.empty();
    }
}
