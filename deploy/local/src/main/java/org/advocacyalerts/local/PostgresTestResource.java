package org.advocacyalerts.local;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Quarkus test resource: one real PostgreSQL server per test JVM on a free port, with an empty database
 * created for the tests, stopped when the JVM exits.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String DATABASE = "tests";

    private static EmbeddedPostgresServer postgres;

    public static synchronized EmbeddedPostgresServer postgres() {
        if (postgres == null) {
            EmbeddedPostgresServer started = EmbeddedPostgresServer.start(FreePorts.next(), null);
            started.createDatabaseIfMissing(DATABASE);
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "embedded-postgres-stop"));
            postgres = started;
        }
        return postgres;
    }

    @Override
    public Map<String, String> start() {
        return Map.of(
                "quarkus.datasource.jdbc.url", postgres().jdbcUrl(DATABASE),
                "quarkus.datasource.username", EmbeddedPostgresServer.USER,
                "quarkus.datasource.password", EmbeddedPostgresServer.PASSWORD);
    }

    @Override
    public void stop() {
        // Shared by every test class of this JVM: the shutdown hook stops it once, at the end.
    }
}
