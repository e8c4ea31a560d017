package org.advocacyalerts.dispatcher.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Settings of alert-dispatcher ({@code dispatcher.*}). */
@ConfigMapping(prefix = "dispatcher")
public interface DispatcherConfig {

    Seeds seeds();

    Webhook webhook();

    Delivery delivery();

    Topics topics();

    interface Topics {
        /** How often each replica checks for topic changes made on any replica: the bound of "live". */
        @WithDefault("1s")
        String refreshInterval();
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

        /** How much of a receiver's answer is kept with the attempt, for debugging. */
        @WithDefault("1024")
        int responseExcerptChars();
    }

    interface Delivery {
        /** How often the worker looks for pending alerts: the floor of match-to-webhook latency. */
        @WithDefault("1s")
        String pollInterval();
    }
}
