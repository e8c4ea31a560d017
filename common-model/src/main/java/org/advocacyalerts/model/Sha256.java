package org.advocacyalerts.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 for every hash the services keep or compare (content hashes, API key and address hashes, alert
 * ids, feed tags): one place for the algorithm's name and its checked exception.
 */
public final class Sha256 {

    private Sha256() {}

    /** A fresh digest, for input given in parts. */
    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }

    /** The hash of {@code bytes}. */
    public static byte[] of(byte[] bytes) {
        return digest().digest(bytes);
    }

    /** The hash of the UTF-8 bytes of {@code text}. */
    public static byte[] of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The hash of the UTF-8 bytes of {@code text}, in lower-case hex (64 characters). */
    public static String hex(String text) {
        return HexFormat.of().formatHex(of(text));
    }
}
