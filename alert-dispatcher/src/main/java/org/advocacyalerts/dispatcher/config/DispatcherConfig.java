package org.advocacyalerts.dispatcher.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of alert-dispatcher ({@code dispatcher.*}). */
@ConfigMapping(prefix = "dispatcher")
public interface DispatcherConfig {

    Seeds seeds();

    Webhook webhook();

    Matching matching();

    Delivery delivery();

    Topics topics();

    Digest digest();

    OwnerNotices ownerNotices();

    UnsubscribeMailbox unsubscribeMailbox();

    Retention retention();

    Secrets secrets();

    /**
     * Keys that encrypt what must not be stored readable (webhook signing secrets, the email-link key):
     * {@code id:base64} of 32 random bytes each, comma-separated. The first encrypts; every one decrypts.
     * To rotate, put a new key first; at start the service re-encrypts every stored value with it, after
     * which the old key can go. Required: there is no default key.
     */
    interface Secrets {
        List<String> keys();
    }

    /** How long what the dispatcher wrote is kept; looked at every {@code check-interval}, in batches. */
    interface Retention {
        /**
         * Finished alerts (delivered, failed: dead letters, digested) with their attempts, by creation. A
         * dead letter older than this can no longer be replayed. Pending and held alerts are never deleted.
         */
        @WithDefault("P90D")
        Duration alerts();

        /** Statements as received, by reception: what backtests and dry runs look back over. */
        @WithDefault("P400D")
        Duration statements();

        @WithDefault("1h")
        String checkInterval();
    }

    /**
     * The IMAP mailbox of the sender address ({@code quarkus.mailer.from}), where the {@code mailto:} of
     * List-Unsubscribe delivers; unset host: such requests are not read (the https one-click link works
     * either way).
     */
    interface UnsubscribeMailbox {
        Optional<String> host();

        @WithDefault("143")
        int port();

        /** IMAP over TLS (usually port 993). */
        @WithDefault("false")
        boolean tls();

        Optional<String> username();

        Optional<String> password();

        /** How often the mailbox is read. */
        @WithDefault("1m")
        String checkInterval();
    }

    interface OwnerNotices {
        /** How often disabled webhook subscriptions whose contact was not told yet are looked for. */
        @WithDefault("1m")
        String checkInterval();
    }

    interface Digest {
        /** The local hour (0-23, in each subscriber's time zone) digests are sent at. */
        @WithDefault("7")
        int hour();

        /** The day weekly digests are sent. */
        @WithDefault("MONDAY")
        DayOfWeek weekday();

        /** How often due digests are looked for. */
        @WithDefault("1m")
        String checkInterval();
    }

    /**
     * Whether the {@code statements} and dead-letter topics are created at start when missing (the local
     * stack, a plain Kafka). False where the topics are the platform's (Strimzi's KafkaTopics) and this
     * service's Kafka user may not create them.
     */
    @WithDefault("true")
    boolean createTopics();

    /** The staff console ({@code /admin}). */
    Console console();

    interface Console {
        /**
         * statement-ingest's base URL as this service reaches it: the console's sources page calls its
         * API with the signed-in admin's own key.
         */
        @WithDefault("http://127.0.0.1:8081")
        String ingestUrl();

        /**
         * Whether staff may also sign in with the organisation's identity provider (OpenID Connect's
         * authorization-code flow, the {@code quarkus.oidc.console.*} tenant): an account whose token
         * carries the admin role.
         */
        @WithDefault("false")
        boolean oidc();
    }

    /** Where this service is reached from outside: the base of links in emails. */
    @WithDefault("http://127.0.0.1:8082")
    String publicUrl();

    interface Topics {
        /**
         * How long each replica waits, after one check for topic and subscription changes made on any
         * replica, before the next: a change is matched everywhere within this and one check's time.
         */
        @WithDefault("1s")
        Duration refreshInterval();
    }

    interface Seeds {
        /** Folder of default topics loaded at start; absent = load none. */
        Optional<Path> dir();
    }

    interface Webhook {
        /** A receiver that does not accept a connection in this time is down. */
        @WithDefault("PT5S")
        Duration connectTimeout();

        /** Standard Webhooks: success is a 2xx within 15 s. */
        @WithDefault("PT15S")
        Duration requestTimeout();

        /**
         * Non-public ranges webhooks may be sent to ({@code loopback}, {@code private}, {@code link-local},
         * comma-separated); {@code none}: public addresses only. Checked when a subscription is made and
         * on every connection.
         */
        @WithDefault("none")
        String allowAddresses();

        /**
         * Where a webhook whose statement body was cut (payloads stay under 20 KB) links for the full text;
         * {@code {id}} is the statement id. Absent: the statement's own page.
         */
        Optional<String> fullTextUrl();

        /** How much of a receiver's answer is kept with the attempt, for debugging. */
        @WithDefault("1024")
        int responseExcerptChars();
    }

    interface Matching {
        /**
         * Whether this replica consumes statements from Kafka and matches them. Off on replicas that only
         * deliver (the Kubernetes Deployment alert-dispatcher-delivery): they send the due alerts the
         * matching replicas stored, and scale on that backlog rather than on the partitions. The API is
         * served either way.
         */
        @WithDefault("true")
        boolean enabled();
    }

    interface Delivery {
        /**
         * How often the worker looks for due alerts. New alerts of this replica are sent at once; this
         * bounds the wait for retries and for alerts another replica created.
         */
        @WithDefault("1s")
        Duration pollInterval();

        /** Failures in a row after which an endpoint's circuit opens: its alerts wait, none is sent. */
        @WithDefault("5")
        int breakerFailures();

        /** How long an open circuit waits before one trial send (doubling while failing, up to 10 min). */
        @WithDefault("PT30S")
        Duration breakerCooldown();

        /** The wait before each attempt (Svix's schedule); as many attempts as entries. */
        @WithDefault("PT0S,PT5S,PT5M,PT30M,PT2H,PT5H,PT10H,PT10H")
        List<Duration> schedule();

        /** Each wait is spread by up to this fraction either way. */
        @WithDefault("0.2")
        double jitter();

        /** The longest Retry-After (429, 502, 503, 504) honoured. */
        @WithDefault("PT1H")
        Duration maxRetryAfter();

        /** Webhooks sent at once by one replica. */
        @WithDefault("32")
        int senders();

        /**
         * Alerts sent at once to one endpoint (a webhook's host, an email's address) by one replica: a
         * receiver that hangs or fails holds at most this many senders; every other endpoint keeps the
         * rest. Across replicas a host receives at most replicas x this at once.
         */
        @WithDefault("4")
        int perEndpoint();

        /** Alerts claimed per database round trip. */
        @WithDefault("100")
        int batch();

        /**
         * How long a claimed alert is a replica's to send; if that replica dies, another sends it
         * after this. Longer than the webhook request timeout.
         */
        @WithDefault("PT1M")
        Duration lease();

        /** A subscription failing this long without a single success is disabled. */
        @WithDefault("P5D")
        Duration disableAfter();
    }
}
