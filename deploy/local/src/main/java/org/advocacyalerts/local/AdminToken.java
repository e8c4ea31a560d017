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
 * The local stack's admin key: {@code ALERTS_ACCESS_ADMIN_KEY} when set, else the one in
 * {@code .local-stack/admin-token}, else a new one written there (mode 600). Both services get it as
 * their configured admin key, so {@code curl -H "Authorization: Bearer $(cat .local-stack/admin-token)"}
 * works on either.
 */
final class AdminToken {

    static final String VARIABLE = "ALERTS_ACCESS_ADMIN_KEY";

    private AdminToken() {}

    static String ensure(Path file, Map<String, String> environment) {
        try {
            String configured = environment.get(VARIABLE);
            if (configured != null && !configured.isBlank()) {
                write(file, configured.strip());
                return configured.strip();
            }
            if (Files.isRegularFile(file)) {
                String existing = Files.readString(file).strip();
                if (!existing.isEmpty()) {
                    return existing;
                }
            }
            String generated = generate();
            write(file, generated);
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the admin key in " + file, e);
        }
    }

    /** The services' key format: {@code aa_} and 256 random bits, base64url. */
    static String generate() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return "aa_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void write(Path file, String key) throws IOException {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, key + "\n");
    }
}
