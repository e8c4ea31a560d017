package org.advocacyalerts.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * A secret the local stack keeps in its data directory (mode 600) and hands to the services: the value
 * of its environment variable when set, else the one in the file, else a new one written there.
 */
record LocalSecret(String variable, Path file, String prefix) {

    /** The admin key both services accept: {@code aa_} and 256 random bits, the services' key format. */
    static LocalSecret adminKey(Path stateDir) {
        return new LocalSecret("ALERTS_ACCESS_ADMIN_KEY", stateDir.resolve("admin-token"), "aa_");
    }

    /** The dispatcher's key for secrets at rest ({@code id:base64} of 32 bytes). */
    static LocalSecret secretsKey(Path stateDir) {
        return new LocalSecret("DISPATCHER_SECRETS_KEYS", stateDir.resolve("secrets-key"), "local:");
    }

    String ensure(Map<String, String> environment) {
        try {
            String configured = environment.get(variable);
            if (configured != null && !configured.isBlank()) {
                write(configured.strip());
                return configured.strip();
            }
            if (Files.isRegularFile(file)) {
                String existing = Files.readString(file).strip();
                if (!existing.isEmpty()) {
                    return existing;
                }
            }
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            String generated = prefix
                    + (prefix.equals("aa_")
                            ? Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)
                            : Base64.getEncoder().encodeToString(bytes));
            write(generated);
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep " + variable + " in " + file, e);
        }
    }

    private void write(String value) throws IOException {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, value + "\n");
    }
}
