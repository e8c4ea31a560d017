package org.advocacyalerts.api.access;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The first way in: the configured admin key ({@code ALERTS_ACCESS_ADMIN_KEY}) is added at every start
 * unless it exists; without one, and with no valid admin key in the database, a key is generated and
 * written to {@link AccessConfig#adminKeyFile()} (mode 600). The key itself never reaches the log.
 */
@ApplicationScoped
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);

    private final ApiKeyStore store;
    private final AccessConfig config;
    private final Clock clock;

    AdminBootstrap(ApiKeyStore store, AccessConfig config, Clock clock) {
        this.store = store;
        this.config = config;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent start) {
        if (config.adminKey().isPresent()) {
            String token = config.adminKey().get().strip();
            if (!ApiKeyTokens.looksLikeKey(token)) {
                throw new IllegalStateException("alerts.access.admin-key (ALERTS_ACCESS_ADMIN_KEY) must start with "
                        + ApiKeyTokens.PREFIX + " and hold at least 20 more characters");
            }
            String hash = ApiKeyTokens.hash(token);
            // The id follows from the value: a new configured value is a new key, a revoked one stays revoked.
            if (store.insertIfAbsent(adminKey("key_conf_" + hash.substring(0, 12), "configured admin key"), hash)) {
                LOG.info("Added the configured admin key (alerts.access.admin-key)");
            }
            return;
        }
        String token = ApiKeyTokens.generate();
        if (store.insertIfNoAdmin(
                adminKey(ApiKeyTokens.newId(), "generated admin key"), ApiKeyTokens.hash(token), clock.instant())) {
            Path file = config.adminKeyFile().toAbsolutePath();
            try {
                write(file, token);
                LOG.warnf("No admin key existed: generated one and wrote it to %s (readable by this user only)", file);
            } catch (IOException e) {
                LOG.errorf(
                        "No admin key existed and the generated one could not be written to %s (%s): set"
                                + " ALERTS_ACCESS_ADMIN_KEY instead, then revoke the generated key",
                        file, e.getMessage());
            }
        }
    }

    private ApiKey adminKey(String id, String name) {
        return new ApiKey(id, name, Roles.ADMIN, "operator", List.of(), clock.instant(), null, null, null, null);
    }

    static void write(Path file, String token) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file); // not a POSIX file system
        }
        Files.writeString(file, token + "\n", StandardOpenOption.TRUNCATE_EXISTING);
    }
}
