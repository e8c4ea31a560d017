package org.advocacyalerts.dispatcher.secrets;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.advocacyalerts.dispatcher.delivery.WebhookSecrets;
import org.advocacyalerts.support.Jdbc;

/**
 * At start, seals every stored secret that is not sealed with the current key: values written before
 * encryption existed, and values of an older key after a rotation. Batches of {@value #BATCH} rows,
 * locked with {@code SKIP LOCKED}, so replicas starting together share the work and none waits.
 */
@ApplicationScoped
public class Resealer {

    static final int BATCH = 500;

    private record Row(UUID id, String secret, String previous) {}

    private final DataSource dataSource;
    private final SecretBox box;

    Resealer(DataSource dataSource, SecretBox box) {
        this.dataSource = dataSource;
        this.box = box;
    }

    void onStart(@Observes StartupEvent start) {
        long sealed = reseal();
        if (sealed > 0) {
            Log.infof("sealed %d stored secrets with key %s", sealed, box.currentKeyId());
        }
    }

    /** How many values it sealed. */
    public long reseal() {
        String current = SecretBox.PREFIX + box.currentKeyId() + ":";
        long total = 0;
        int done;
        do {
            done = Jdbc.inTransaction(dataSource, c -> {
                List<Row> rows = Jdbc.query(
                        c,
                        """
                        SELECT id, secret, previous_secret FROM subscription
                        WHERE NOT starts_with(secret, ?)
                           OR (previous_secret IS NOT NULL AND NOT starts_with(previous_secret, ?))
                        LIMIT ? FOR UPDATE SKIP LOCKED""",
                        rs -> new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)),
                        current,
                        current,
                        BATCH);
                for (Row row : rows) {
                    String context = WebhookSecrets.context(row.id());
                    Jdbc.update(
                            c,
                            "UPDATE subscription SET secret = ?, previous_secret = ? WHERE id = ?",
                            box.seal(box.open(row.secret(), context), context),
                            row.previous() == null ? null : box.seal(box.open(row.previous(), context), context),
                            row.id());
                }
                return rows.size();
            });
            total += done;
        } while (done == BATCH);
        return total + resealLinkKey(current);
    }

    /** The key of first-format email links, if one exists: kept as the text of a sealed value. */
    private int resealLinkKey(String current) {
        return Jdbc.inTransaction(dataSource, c -> {
            List<byte[]> stored = Jdbc.query(
                    c, "SELECT key FROM signing_key WHERE name = 'email-links' FOR UPDATE", rs -> rs.getBytes(1));
            if (stored.isEmpty()) {
                return 0;
            }
            String text = new String(stored.get(0), StandardCharsets.ISO_8859_1);
            if (text.startsWith(current)) {
                return 0;
            }
            String context = "signing-key:email-links";
            String raw = text.startsWith(SecretBox.PREFIX)
                    ? box.open(text, context)
                    : Base64.getEncoder().encodeToString(stored.get(0));
            Jdbc.update(
                    c,
                    "UPDATE signing_key SET key = ? WHERE name = 'email-links'",
                    box.seal(raw, context).getBytes(StandardCharsets.ISO_8859_1));
            return 1;
        });
    }
}
