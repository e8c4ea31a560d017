package org.advocacyalerts.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every receiver of the fault suite saw, counted from their side: each (statement, subscription)
 * answered 2xx and when it first arrived, each alert email the SMTP server took, each {@code webhook-id} seen again after a 2xx (a duplicate a
 * receiver must drop) or after an error answer (a retry, as it should be).
 */
final class Ledger {

    /** One request a receiver answered; {@code at} in epoch milliseconds (comparable across processes). */
    record Arrival(String webhookId, String statement, String subscription, int status, long at) {}

    /** Where a receiver reports. */
    interface Sink {
        void arrived(Arrival arrival);
    }

    /** webhook-id → whether it was ever answered 2xx. */
    private final Map<String, Boolean> answered = new ConcurrentHashMap<>();

    private final Set<String> delivered = ConcurrentHashMap.newKeySet();
    private final Set<String> mailed = ConcurrentHashMap.newKeySet();
    private final List<Arrival> deliveries = new CopyOnWriteArrayList<>();
    private final AtomicLong duplicatesAfter2xx = new AtomicLong();
    private final AtomicLong duplicatesAfterError = new AtomicLong();

    synchronized void record(Arrival a) {
        boolean ok = a.status() >= 200 && a.status() < 300;
        Boolean before = answered.get(a.webhookId());
        answered.put(a.webhookId(), ok || Boolean.TRUE.equals(before));
        if (Boolean.TRUE.equals(before)) {
            duplicatesAfter2xx.incrementAndGet();
        } else if (before != null) {
            duplicatesAfterError.incrementAndGet();
        }
        if (ok && delivered.add(a.statement() + "/" + a.subscription())) {
            deliveries.add(a);
        }
    }

    /** An alert email the SMTP server took (answered 250), by its {@code X-Alert-Id}. */
    void recordMail(String alertId) {
        if (!mailed.add(alertId)) {
            duplicatesAfter2xx.incrementAndGet(); // taken once already: a second copy in the inbox
        }
    }

    boolean mailed(String alertId) {
        return mailed.contains(alertId);
    }

    boolean delivered(String statement, String subscription) {
        return delivered.contains(statement + "/" + subscription);
    }

    long duplicatesAfter2xx() {
        return duplicatesAfter2xx.get();
    }

    long duplicatesAfterError() {
        return duplicatesAfterError.get();
    }

    /** First 2xx deliveries (one per statement and subscription), in arrival order. */
    List<Arrival> deliveries() {
        return new ArrayList<>(deliveries);
    }

    static String line(Arrival a) {
        return "ARRIVAL " + a.webhookId() + " " + a.statement() + " " + a.subscription() + " " + a.status() + " "
                + a.at();
    }

    /** The arrival a {@link #line} describes, or null for any other line. */
    static Arrival parse(String line) {
        String[] f = line.split(" ");
        if (f.length != 6 || !f[0].equals("ARRIVAL")) {
            return null;
        }
        return new Arrival(f[1], f[2], f[3], Integer.parseInt(f[4]), Long.parseLong(f[5]));
    }
}
