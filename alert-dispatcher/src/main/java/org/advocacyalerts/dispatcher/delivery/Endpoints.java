package org.advocacyalerts.dispatcher.delivery;

import java.net.URI;
import java.util.Locale;

/**
 * The endpoint of a subscription, as delivery limits see it: a webhook's host (the URL's authority, lower
 * case), an email's address. Alerts to one endpoint share its {@code perEndpoint} senders and its circuit
 * breaker, whatever the path of each subscription's URL: one receiver host behind many URLs is one
 * endpoint. (Stored on the subscription too, for claims to skip endpoints whose senders are all busy.)
 */
public final class Endpoints {

    private Endpoints() {}

    public static String of(String channel, String target) {
        if (!"webhook".equals(channel)) {
            return target;
        }
        try {
            String authority = URI.create(target).getRawAuthority();
            return authority == null ? target : authority.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return target;
        }
    }
}
