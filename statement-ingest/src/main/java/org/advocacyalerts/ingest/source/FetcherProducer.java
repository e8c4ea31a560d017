package org.advocacyalerts.ingest.source;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import org.advocacyalerts.ingest.config.IngestConfig;
import org.advocacyalerts.ingest.fetch.SafeFetcher;
import org.advocacyalerts.support.AddressPolicy;

/** The one {@link SafeFetcher} of the service, configured from {@code ingest.fetch.*}. */
@ApplicationScoped
class FetcherProducer {

    @Produces
    @ApplicationScoped
    SafeFetcher fetcher(IngestConfig config, Clock clock) {
        IngestConfig.Fetch f = config.fetch();
        AddressPolicy policy = AddressPolicy.parse(f.allowAddresses());
        if (!policy.allowed().isEmpty()) {
            Log.warnf(
                    "fetching feeds and pages from %s addresses is allowed (ingest.fetch.allow-addresses);"
                            + " production allows public addresses only",
                    policy.allowed());
        }
        return new SafeFetcher(
                policy,
                new SafeFetcher.Limits(
                        f.connectTimeout(), f.readTimeout(), f.deadline(), f.maxBytes(), f.maxRedirects()),
                clock);
    }

    void close(@Disposes SafeFetcher fetcher) {
        fetcher.close();
    }
}
