package org.advocacyalerts.dispatcher.email;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;
import org.advocacyalerts.dispatcher.config.DispatcherConfig;

/** The links emails carry: confirmation (double opt-in) and one-click unsubscribe. */
@ApplicationScoped
public class EmailLinks {

    private final LinkTokens tokens;
    private final String base;
    private final String from;

    EmailLinks(
            LinkTokens tokens,
            DispatcherConfig config,
            @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.mailer.from") String from) {
        this.tokens = tokens;
        this.base = config.publicUrl().replaceAll("/+$", "");
        this.from = from;
    }

    public String confirmUrl(UUID subscription, Instant expires) {
        return base + "/email/confirm/" + tokens.issue(LinkTokens.Purpose.CONFIRM, subscription, expires);
    }

    public String unsubscribeUrl(UUID subscription) {
        return base + "/email/unsubscribe/" + unsubscribeToken(subscription);
    }

    /** RFC 8058 allows a mailto beside the https link; its subject carries the same token. */
    public String unsubscribeMailto(UUID subscription) {
        return "mailto:" + from + "?subject=unsubscribe%20" + unsubscribeToken(subscription);
    }

    private String unsubscribeToken(UUID subscription) {
        return tokens.issue(LinkTokens.Purpose.UNSUBSCRIBE, subscription, Instant.MAX); // never expires
    }
}
