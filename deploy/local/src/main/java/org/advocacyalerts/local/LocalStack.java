package org.advocacyalerts.local;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/local-stack}: real Kafka and PostgreSQL in this JVM, then both services as separate JVMs
 * from their packaged {@code quarkus-run.jar}, their logs streamed with a prefix. SIGINT or SIGTERM
 * stops the services first, then Kafka and PostgreSQL; nothing keeps running.
 */
public final class LocalStack {

    private final LocalStackSettings settings;
    private final List<ServiceProcess> services = new CopyOnWriteArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile EmbeddedPostgresServer postgres;
    private volatile EmbeddedKafka kafka;
    private volatile GreenMail mail;

    LocalStack(LocalStackSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        LocalStackSettings settings;
        try {
            settings = LocalStackSettings.from(
                    args, System.getenv(), Path.of(System.getProperty("local-stack.root", ".")));
        } catch (IllegalArgumentException e) {
            System.err.println("local-stack: " + e.getMessage());
            System.err.println(LocalStackSettings.USAGE);
            System.exit(2);
            return;
        }
        if (settings.help()) {
            System.out.println(LocalStackSettings.USAGE);
            return;
        }
        LocalStack stack = new LocalStack(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "local-stack-stop"));
        try {
            stack.start();
        } catch (RuntimeException e) {
            System.err.println("local-stack: " + e.getMessage());
            System.exit(1);
        }
        ServiceProcess died = stack.awaitFirstExit();
        System.err.printf("local-stack: %s exited with code %d; stopping everything%n", died.name(), died.exitCode());
        System.exit(1);
    }

    void start() {
        settings.checkPortsFree();
        if (settings.reset()) {
            say("Reset: deleting %s", settings.stateDir());
            Directories.delete(settings.stateDir());
        }
        Path pgData = settings.stateDir().resolve("postgres");
        StalePostgres.stopIfRunning(pgData);
        say("Starting PostgreSQL on 127.0.0.1:%d (data in %s)", settings.postgresPort(), pgData);
        postgres = EmbeddedPostgresServer.start(
                settings.postgresPort(), pgData, EmbeddedPostgresServer.Durability.DURABLE);
        for (String db : List.of(LocalStackSettings.INGEST_DB, LocalStackSettings.DISPATCHER_DB)) {
            postgres.createDatabaseIfMissing(db);
        }
        if (settings.embeddedMail()) {
            say(
                    "Starting GreenMail: SMTP on 127.0.0.1:%d, IMAP on 127.0.0.1:%d",
                    settings.smtpPort(), settings.imapPort());
            mail = new GreenMail(new ServerSetup[] {
                        new ServerSetup(settings.smtpPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                        new ServerSetup(settings.imapPort(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP)
                    })
                    .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
            mail.start();
        }
        say("Starting Kafka (KRaft) on 127.0.0.1:%d", settings.kafkaPort());
        kafka = new EmbeddedKafka(
                        settings.kafkaPort(),
                        settings.kafkaControllerPort(),
                        settings.stateDir().resolve("kafka"))
                .start();
        String adminKey = LocalSecret.adminKey(settings.stateDir()).ensure(settings.environment());
        String secretsKey = LocalSecret.secretsKey(settings.stateDir()).ensure(settings.environment());
        say("Admin key in %s (readable by you only)", settings.adminTokenFile());
        for (ServiceProcess service : settings.services(postgres, kafka, adminKey, secretsKey)) {
            say("Starting %s on :%d", service.name(), service.port());
            service.start();
            services.add(service);
        }
        for (ServiceProcess service : services) {
            service.awaitReady(settings.readyTimeout());
        }
        System.out.println(settings.summary());
        System.out.flush();
    }

    /** Waits until a service dies on its own; never returns while the stack is being stopped. */
    private ServiceProcess awaitFirstExit() throws InterruptedException {
        while (true) {
            for (ServiceProcess service : services) {
                // Ctrl-C reaches the services too: give the shutdown hook a moment to claim the exit.
                if (!service.isAlive() && !stopped.await(2, TimeUnit.SECONDS)) {
                    return service;
                }
            }
            if (stopped.await(500, TimeUnit.MILLISECONDS)) {
                Thread.currentThread().join(); // stopping: the shutdown hook ends the JVM
            }
        }
    }

    /** Stops the services, then Kafka, then PostgreSQL; safe to call twice; one failure does not stop the rest. */
    synchronized void stop() {
        if (stopped.getCount() == 0) {
            return;
        }
        stopped.countDown();
        say("Stopping...");
        services.forEach(ServiceProcess::requestStop);
        services.forEach(ServiceProcess::awaitStopped);
        quietly("Kafka", () -> {
            if (kafka != null) {
                kafka.stop();
            }
        });
        quietly("GreenMail", () -> {
            if (mail != null) {
                mail.stop();
            }
        });
        quietly("PostgreSQL", () -> {
            if (postgres != null) {
                postgres.close();
            }
        });
        say("Stopped.");
    }

    private static void quietly(String what, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            say("%s did not stop cleanly: %s", what, e.getMessage());
        }
    }

    static void say(String format, Object... args) {
        System.out.printf("[local-stack] " + format + "%n", args);
        System.out.flush();
    }
}
