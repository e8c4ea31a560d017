package org.advocacyalerts.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code bin/local-stack} starts and where: ports and paths from environment variables with
 * defaults chosen not to clash with a developer's own Kafka (9092) or PostgreSQL (5432).
 */
record LocalStackSettings(
        Path root,
        Path stateDir,
        int kafkaPort,
        int kafkaControllerPort,
        int postgresPort,
        int ingestPort,
        int dispatcherPort,
        int smtpPort,
        int imapPort,
        Duration readyTimeout,
        Map<String, String> environment,
        boolean reset,
        boolean help) {

    static final String INGEST_DB = "ingest";
    static final String DISPATCHER_DB = "dispatcher";

    static final String USAGE = """
            Usage: bin/local-stack [--reset] [--build]
              --reset   delete the local data (.local-stack/) and start from empty
              --build   rebuild the services before starting (otherwise only what is missing or stale)
            Environment: KAFKA_PORT (19092), KAFKA_CONTROLLER_PORT (KAFKA_PORT+1), POSTGRES_PORT (15432),
              INGEST_PORT (8081), DISPATCHER_PORT (8082), SMTP_PORT (13025), IMAP_PORT (13143),
              QUARKUS_MAILER_HOST (set: send mail there instead of the embedded GreenMail), LOCAL_STACK_DIR (.local-stack),
              LOCAL_STACK_READY_TIMEOUT_SECONDS (120), SERVICE_JAVA_OPTS (-Xmx512m),
              QUARKUS_HTTP_HOST (127.0.0.1; 0.0.0.0 listens on every interface),
              ALERTS_ACCESS_ADMIN_KEY (the admin key; else the one in .local-stack/admin-token, made at first start);
              every other variable (e.g. QUARKUS_LOG_LEVEL) is passed to both services.""";

    static LocalStackSettings from(String[] args, Map<String, String> env, Path root) {
        boolean reset = false;
        boolean help = false;
        for (String arg : args) {
            switch (arg) {
                case "--reset" -> reset = true;
                case "--build" -> {} // handled by the bin/local-stack script
                case "-h", "--help" -> help = true;
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        Path absoluteRoot = root.toAbsolutePath().normalize();
        int kafkaPort = port(env, "KAFKA_PORT", 19092);
        return new LocalStackSettings(
                absoluteRoot,
                absoluteRoot.resolve(env.getOrDefault("LOCAL_STACK_DIR", ".local-stack")),
                kafkaPort,
                port(env, "KAFKA_CONTROLLER_PORT", kafkaPort + 1),
                port(env, "POSTGRES_PORT", 15432),
                port(env, "INGEST_PORT", 8081),
                port(env, "DISPATCHER_PORT", 8082),
                port(env, "SMTP_PORT", 13025),
                port(env, "IMAP_PORT", 13143),
                Duration.ofSeconds(number(env, "LOCAL_STACK_READY_TIMEOUT_SECONDS", 120, 1, 3600)),
                env,
                reset,
                help);
    }

    /** Mail goes to the embedded GreenMail unless QUARKUS_MAILER_HOST names a server of one's own. */
    boolean embeddedMail() {
        return !environment.containsKey("QUARKUS_MAILER_HOST");
    }

    /** Fails fast, naming the variable to change, when a port is taken (e.g. by a stack already running). */
    void checkPortsFree() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("POSTGRES_PORT", postgresPort);
        ports.put("KAFKA_PORT", kafkaPort);
        ports.put("KAFKA_CONTROLLER_PORT", kafkaControllerPort);
        ports.put("INGEST_PORT", ingestPort);
        ports.put("DISPATCHER_PORT", dispatcherPort);
        if (embeddedMail()) {
            ports.put("SMTP_PORT", smtpPort);
            ports.put("IMAP_PORT", imapPort);
        }
        ports.forEach((name, port) -> {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
            } catch (IOException e) {
                throw new IllegalStateException("port " + port + " is in use (another local stack running?); set "
                        + name + " to use another port");
            }
        });
    }

    /** Where the admin key is kept for {@code curl} and for the user. */
    Path adminTokenFile() {
        return LocalSecret.adminKey(stateDir).file();
    }

    List<ServiceProcess> services(
            EmbeddedPostgresServer postgres, EmbeddedKafka kafka, String adminKey, String secretsKey) {
        // One credential for both services: both read keys from the dispatcher's database.
        Access access = new Access(adminKey, postgres.jdbcUrl(DISPATCHER_DB));
        return List.of(
                service(
                        "ingest",
                        "statement-ingest",
                        ingestPort,
                        postgres.jdbcUrl(INGEST_DB),
                        kafka,
                        access,
                        Map.of(
                                "INGEST_SEEDS_DIR",
                                root.resolve("seeds/statements").toString(),
                                "INGEST_SOURCES_DIR",
                                root.resolve("seeds/sources").toString(),
                                // A feed on this machine (a file server, a test fixture) may be polled.
                                "INGEST_FETCH_ALLOW_ADDRESSES",
                                "loopback",
                                // Locally every poll looks at recent pages again, so an edit shows at once.
                                "INGEST_REVISIONS_RECHECK_INTERVAL",
                                "PT0S")),
                service(
                        "dispatcher",
                        "alert-dispatcher",
                        dispatcherPort,
                        postgres.jdbcUrl(DISPATCHER_DB),
                        kafka,
                        access,
                        Map.of(
                                "DISPATCHER_SEEDS_DIR",
                                root.resolve("seeds/topics").toString(),
                                // Webhook secrets and the email-link key are stored encrypted with it
                                // (kept in .local-stack/secrets-key).
                                "DISPATCHER_SECRETS_KEYS",
                                secretsKey,
                                // A webhook receiver on this machine (bin/webhook-echo.java) may be subscribed.
                                "DISPATCHER_WEBHOOK_ALLOW_ADDRESSES",
                                "loopback",
                                // Webhooks with a cut body link to the whole statement in ingest's API.
                                "DISPATCHER_WEBHOOK_FULL_TEXT_URL",
                                "http://127.0.0.1:" + ingestPort + "/api/statements/{id}",
                                // The staff console's sources page asks ingest's API.
                                "DISPATCHER_CONSOLE_INGEST_URL",
                                "http://127.0.0.1:" + ingestPort,
                                // Links in emails (confirm, unsubscribe) lead here.
                                "DISPATCHER_PUBLIC_URL",
                                "http://127.0.0.1:" + dispatcherPort,
                                // The embedded GreenMail (ignored when QUARKUS_MAILER_HOST is set: then
                                // every QUARKUS_MAILER_* variable is the user's).
                                "QUARKUS_MAILER_PORT",
                                embeddedMail() ? String.valueOf(smtpPort) : "25",
                                "QUARKUS_MAILER_START_TLS",
                                embeddedMail() ? "DISABLED" : "OPTIONAL")));
    }

    /** The admin key both services accept, and the database holding every key. */
    private record Access(String adminKey, String jdbcUrl) {}

    private ServiceProcess service(
            String name,
            String module,
            int port,
            String jdbcUrl,
            EmbeddedKafka kafka,
            Access access,
            Map<String, String> defaults) {
        Map<String, String> serviceEnv = new HashMap<>(environment);
        // Per service, so always ours: both services can't share one port or one database.
        serviceEnv.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        serviceEnv.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl);
        serviceEnv.putIfAbsent("QUARKUS_DATASOURCE_USERNAME", EmbeddedPostgresServer.USER);
        serviceEnv.putIfAbsent("QUARKUS_DATASOURCE_PASSWORD", EmbeddedPostgresServer.PASSWORD);
        serviceEnv.putIfAbsent("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        // Reachable from this machine only, unless the user says otherwise.
        serviceEnv.putIfAbsent("QUARKUS_HTTP_HOST", "127.0.0.1");
        serviceEnv.put("ALERTS_ACCESS_ADMIN_KEY", access.adminKey());
        serviceEnv.putIfAbsent("QUARKUS_DATASOURCE_ACCESS_JDBC_URL", access.jdbcUrl());
        serviceEnv.putIfAbsent("QUARKUS_SWAGGER_UI_ENABLED", "true");
        defaults.forEach(serviceEnv::putIfAbsent);
        if (embeddedMail() && module.equals("alert-dispatcher")) {
            serviceEnv.put("QUARKUS_MAILER_HOST", "127.0.0.1");
            // Unsubscribe requests mailed to the List-Unsubscribe mailto arrive in GreenMail too.
            String sender = environment.getOrDefault("QUARKUS_MAILER_FROM", "alerts@advocacy-alerts.local");
            serviceEnv.putIfAbsent("DISPATCHER_UNSUBSCRIBE_MAILBOX_HOST", "127.0.0.1");
            serviceEnv.putIfAbsent("DISPATCHER_UNSUBSCRIBE_MAILBOX_PORT", String.valueOf(imapPort));
            serviceEnv.putIfAbsent("DISPATCHER_UNSUBSCRIBE_MAILBOX_USERNAME", sender);
            serviceEnv.putIfAbsent("DISPATCHER_UNSUBSCRIBE_MAILBOX_PASSWORD", sender);
        }
        Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        String javaOpts = environment.getOrDefault("SERVICE_JAVA_OPTS", "-Xmx512m");
        return new ServiceProcess(name, port, jar, javaOpts, serviceEnv);
    }

    String summary() {
        return String.format(
                """

                Advocacy Alerts is running. Ctrl-C stops everything.
                  statement-ingest   http://127.0.0.1:%1$d   POST/GET /api/statements   /api/sources
                  alert-dispatcher   http://127.0.0.1:%2$d   /api/topics  /api/subscriptions  /api/keys
                  admin key          %11$s   (mode 600; on both services, e.g.
                                     curl -H "Authorization: Bearer $(cat %11$s)" http://127.0.0.1:%2$d/api/keys)
                  API docs           http://127.0.0.1:%1$d/q/swagger-ui   http://127.0.0.1:%2$d/q/swagger-ui   (/q/openapi)
                  health             http://127.0.0.1:%1$d/q/health/ready   http://127.0.0.1:%2$d/q/health/ready
                  Kafka              127.0.0.1:%3$d   (topic: statements)
                  PostgreSQL         jdbc:postgresql://127.0.0.1:%4$d/{%5$s,%6$s}   user postgres, password postgres
                  data               %7$s   (bin/local-stack --reset starts from empty)
                  feeds and pages may be fetched from loopback addresses here (INGEST_FETCH_ALLOW_ADDRESSES=%8$s),
                  and webhooks sent to them (DISPATCHER_WEBHOOK_ALLOW_ADDRESSES=%9$s);
                  production uses public addresses only
                  mail               %10$s
                """,
                ingestPort,
                dispatcherPort,
                kafkaPort,
                postgresPort,
                INGEST_DB,
                DISPATCHER_DB,
                stateDir,
                environment.getOrDefault("INGEST_FETCH_ALLOW_ADDRESSES", "loopback"),
                environment.getOrDefault("DISPATCHER_WEBHOOK_ALLOW_ADDRESSES", "loopback"),
                embeddedMail()
                        ? "GreenMail: SMTP 127.0.0.1:" + smtpPort + ", read it with any IMAP client at 127.0.0.1:"
                                + imapPort + " (user and password: the recipient's address)"
                        : "sent through " + environment.get("QUARKUS_MAILER_HOST") + " (QUARKUS_MAILER_HOST)",
                root.relativize(adminTokenFile()).toString().startsWith("..")
                        ? adminTokenFile().toString()
                        : root.relativize(adminTokenFile()).toString());
    }

    private static int port(Map<String, String> env, String name, int defaultPort) {
        return number(env, name, defaultPort, 1, 65535);
    }

    private static int number(Map<String, String> env, String name, int defaultValue, int min, int max) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            int number = Integer.parseInt(value.trim());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                name + " must be a number from " + min + " to " + max + ", not '" + value + "'");
    }
}
