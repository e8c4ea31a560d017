package org.advocacyalerts.api.limits;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Abuse limits of one replica (each replica counts on its own): requests per credential and per client
 * address, and how many expensive requests run at once. A request over a limit answers 429 with
 * {@code Retry-After}.
 */
@ConfigMapping(prefix = "alerts.limits")
public interface LimitsConfig {

    /** Off: no request or confirmation-email limits (concurrency limits stay). The benchmarks turn it off. */
    @WithDefault("true")
    boolean enabled();

    /** Requests a second one credential makes on average; {@link #perCredentialBurst()} at once. */
    @WithDefault("50")
    double perCredential();

    @WithDefault("200")
    int perCredentialBurst();

    /**
     * Requests a second from one client address, signed in or not. Higher than per credential: an
     * organisation's clients often share one address. Behind a proxy, enable
     * {@code quarkus.http.proxy.proxy-address-forwarding} so this is the client's, not the proxy's.
     */
    @WithDefault("100")
    double perAddress();

    @WithDefault("400")
    int perAddressBurst();

    /** Confirmation emails to one address in an hour (counted in the database: across replicas). */
    @WithDefault("3")
    int confirmationsPerAddressPerHour();

    /** Email subscriptions (so confirmation emails) one client address asks for in an hour. */
    @WithDefault("10")
    int confirmationsPerClientPerHour();

    /** Dry runs, backtests and polls on demand running at once on a replica, each kind on its own. */
    @WithDefault("4")
    int dryRuns();

    @WithDefault("2")
    int backtests();

    @WithDefault("2")
    int pollsNow();
}
