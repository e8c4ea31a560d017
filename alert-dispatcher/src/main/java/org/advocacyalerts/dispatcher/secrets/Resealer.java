package org.advocacyalerts.dispatcher.secrets;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.advocacyalerts.dispatcher.delivery.WebhookSecrets;
import org.advocacyalerts.dispatcher.store.SecretStore;
import org.advocacyalerts.dispatcher.store.SecretStore.Sealed;
import org.advocacyalerts.support.Jdbc;

/**
 * At start, seals every stored secret that is not sealed with the current key: values written before
 * encryption existed, and values of an older key after a rotation. Batches of {@value #BATCH} rows,
 * locked with {@code SKIP LOCKED}, so replicas starting together share the work and none waits.
 */
@ApplicationScoped
public class Resealer {

    static final int BATCH = 500;

    private final DataSource dataSource;
    private final SecretBox box;
    private final SecretStore secrets;

    Resealer(DataSource dataSource, SecretBox box, SecretStore secrets) {
        this.dataSource = dataSource;
        this.box = box;
        this.secrets = secrets;
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
                List<Sealed> rows = secrets.notSealedUnder(c, current, BATCH);
                for (Sealed row : rows) {
                    String context = WebhookSecrets.context(row.subscriptionId());
                    secrets.replace(
                            c,
                            new Sealed(
                                    row.subscriptionId(),
                                    box.seal(box.open(row.secret(), context), context),
                                    row.previous() == null
                                            ? null
                                            : box.seal(box.open(row.previous(), context), context)));
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
            Optional<byte[]> stored = secrets.linkKey(c, true);
            if (stored.isEmpty()) {
                return 0;
            }
            String text = new String(stored.get(), StandardCharsets.ISO_8859_1);
            if (text.startsWith(current)) {
                return 0;
            }
            String context = "signing-key:email-links";
            String raw = text.startsWith(SecretBox.PREFIX)
                    ? box.open(text, context)
                    : Base64.getEncoder().encodeToString(stored.get());
            secrets.replaceLinkKey(c, box.seal(raw, context).getBytes(StandardCharsets.ISO_8859_1));
            return 1;
        });
    }
}
