package org.advocacyalerts.dispatcher.email;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;
import org.advocacyalerts.dispatcher.config.DispatcherConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The links emails carry: confirmation (double opt-in) and one-click unsubscribe. */
@ApplicationScoped
public class EmailLinks {

    private final LinkTokens tokens;
    private final String base;
    private final String from;

    EmailLinks(LinkTokens tokens, DispatcherConfig config, @ConfigProperty(name = "quarkus.mailer.from") String from) {
        this.tokens = tokens;
        this.base = config.publicUrl().replaceAll("/+$", "");
        this.from = from;
    }

    /** The link of a purpose: {@code /email/confirm/…}, {@code /email/verify-contact/…}. */
    public String url(LinkTokens.Purpose purpose, UUID subscription, Instant expires) {
        String path = purpose == LinkTokens.Purpose.VERIFY_CONTACT ? "verify-contact" : "confirm";
        return base + "/email/" + path + "/" + tokens.issue(purpose, subscription, expires);
    }

    public String confirmUrl(UUID subscription, Instant expires) {
        return url(LinkTokens.Purpose.CONFIRM, subscription, expires);
    }

    /**
     * The ways out of a subscription an email offers: the one-click https link, and the mailto RFC 8058
     * allows beside it, whose subject carries the same token (signed once per email).
     */
    public record Unsubscribe(String url, String mailto) {}

    public Unsubscribe unsubscribe(UUID subscription) {
        String token = tokens.issue(LinkTokens.Purpose.UNSUBSCRIBE, subscription, Instant.MAX); // never expires
        return new Unsubscribe(
                base + "/email/unsubscribe/" + token, "mailto:" + from + "?subject=unsubscribe%20" + token);
    }
}
