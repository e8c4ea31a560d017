package org.advocacyalerts.dispatcher.email;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.advocacyalerts.dispatcher.config.DispatcherConfig;
import org.advocacyalerts.dispatcher.delivery.DeliveryWorker;
import org.advocacyalerts.dispatcher.store.AlertStore;
import org.advocacyalerts.model.Alert;
import org.advocacyalerts.model.CloudEventCodec;
import org.advocacyalerts.model.Json;
import org.advocacyalerts.support.Jdbc;

/**
 * Daily and weekly digests: a digest subscription's alerts are held; at the configured hour in the
 * subscriber's time zone (weekly: on the configured day) the ones held before that moment become one
 * digest email, grouped by topic. No alerts, no digest. A digest's id is derived from the subscription
 * and the moment, and it is stored with the alerts it holds marked in one transaction: each period is
 * sent once, across restarts and replicas; the digest is then delivered (and retried) like any alert.
 */
@ApplicationScoped
public class Digests {

    public static final String TYPE = "digest";

    private final DataSource dataSource;
    private final AlertStore alerts;
    private final DeliveryWorker delivery;
    private final Clock clock;
    private final DispatcherConfig.Digest config;

    Digests(DataSource dataSource, AlertStore alerts, DeliveryWorker delivery, Clock clock, DispatcherConfig config) {
        this.dataSource = dataSource;
        this.alerts = alerts;
        this.delivery = delivery;
        this.clock = clock;
        this.config = config.digest();
    }

    /** The latest digest moment at or before {@code now} for a subscriber in {@code zone}. */
    static ZonedDateTime lastMoment(Instant now, String mode, ZoneId zone, int hour, DayOfWeek weekday) {
        ZonedDateTime local = now.atZone(zone);
        ZonedDateTime moment = local.toLocalDate().atTime(hour, 0).atZone(zone);
        if (moment.isAfter(local)) {
            moment = local.toLocalDate().minusDays(1).atTime(hour, 0).atZone(zone);
        }
        if ("weekly".equals(mode)) {
            while (moment.getDayOfWeek() != weekday) {
                moment = moment.toLocalDate().minusDays(1).atTime(hour, 0).atZone(zone);
            }
        }
        return moment;
    }

    @Scheduled(every = "${dispatcher.digest.check-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void makeDue() {
        try {
            int made = 0;
            for (String[] s : Jdbc.inTransaction(dataSource, alerts::subscriptionsWithHeldAlerts)) {
                if (make(UUID.fromString(s[0]), s[1], ZoneId.of(s[2]))) {
                    made++;
                }
            }
            if (made > 0) {
                delivery.wake();
            }
        } catch (RuntimeException e) {
            Log.errorf("digests: %s (held alerts wait for the next check)", e.getMessage());
        }
    }

    private boolean make(UUID subscription, String mode, ZoneId zone) {
        Instant now = clock.instant();
        ZonedDateTime moment = lastMoment(now, mode, zone, config.hour(), config.weekday());
        ZonedDateTime from = "weekly".equals(mode) ? moment.minusWeeks(1) : moment.minusDays(1);
        return Jdbc.inTransaction(dataSource, c -> {
            List<AlertStore.Held> held = alerts.lockHeld(c, subscription, moment.toInstant());
            if (held.isEmpty()) {
                return false; // never an empty digest
            }
            UUID period = UUID.nameUUIDFromBytes(
                    ("digest/" + mode + "/" + moment.toInstant()).getBytes(StandardCharsets.UTF_8));
            UUID id = Alert.idFor(period, subscription);
            Set<String> topics = new LinkedHashSet<>();
            ObjectNode body = Json.mapper().createObjectNode();
            body.put("type", TYPE);
            body.put("timestamp", now.toString());
            ObjectNode data = body.putObject("data");
            data.put("mode", mode);
            data.put("from", from.toOffsetDateTime().toString());
            data.put("to", moment.toOffsetDateTime().toString());
            ArrayNode list = data.putArray("alerts");
            for (AlertStore.Held h : held) {
                topics.addAll(h.topics());
                try {
                    list.add(Json.mapper().readTree(h.payload()));
                } catch (IOException e) {
                    throw new UncheckedIOException("a held alert's body is not JSON", e);
                }
            }
            byte[] payload = CloudEventCodec.toJson(body);
            boolean made = alerts.insertDigest(
                    c,
                    id,
                    period,
                    subscription,
                    List.copyOf(topics),
                    payload,
                    held.stream().map(AlertStore.Held::id).toList(),
                    now);
            if (made) {
                Log.infof("digest %s for subscription %s: %d alert(s) up to %s", id, subscription, held.size(), moment);
            }
            return made;
        });
    }
}
