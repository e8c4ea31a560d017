package org.advocacyalerts.dispatcher.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends under way per endpoint ({@link Endpoints}) on this replica, at most {@code perEndpoint} each: a
 * receiver that hangs or fails holds that many senders, never the rest. Thread-safe; an endpoint with
 * none under way has no entry.
 */
final class EndpointSlots {

    private final int perEndpoint;
    private final Map<String, Integer> used = new ConcurrentHashMap<>();

    EndpointSlots(int perEndpoint) {
        this.perEndpoint = perEndpoint;
    }

    /** One more send to the endpoint, unless it has {@code perEndpoint} under way already. */
    boolean take(String endpoint) {
        boolean[] taken = {false};
        used.compute(endpoint, (key, count) -> {
            int now = count == null ? 0 : count;
            if (now >= perEndpoint) {
                return count;
            }
            taken[0] = true;
            return now + 1;
        });
        return taken[0];
    }

    /** A send to the endpoint ended. */
    void give(String endpoint) {
        used.computeIfPresent(endpoint, (key, count) -> count == 1 ? null : count - 1);
    }

    /** True if the endpoint could take one more send now. */
    boolean hasRoom(String endpoint) {
        return used.getOrDefault(endpoint, 0) < perEndpoint;
    }

    /** The endpoints with every slot taken: a claim leaves their alerts for later. */
    List<String> full() {
        List<String> full = new ArrayList<>();
        used.forEach((endpoint, count) -> {
            if (count >= perEndpoint) {
                full.add(endpoint);
            }
        });
        return full;
    }
}
