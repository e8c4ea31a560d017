package org.advocacyalerts.api.access;

import java.security.SecureRandom;
import java.util.Base64;
import org.advocacyalerts.model.Sha256;

/**
 * The secret form of an API key and its stored hash. A key carries 256 random bits, so a plain SHA-256
 * is enough to keep it (a slow password hash protects guessable secrets; nothing here is guessable).
 */
public final class ApiKeyTokens {

    /** Marks our keys, so a bearer token without it is left to the identity provider (OIDC). */
    public static final String PREFIX = "aa_";

    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeyTokens() {}

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A short id for a new key, shown in lists and the audit log. */
    public static String newId() {
        byte[] bytes = new byte[9];
        RANDOM.nextBytes(bytes);
        return "key_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static boolean looksLikeKey(String token) {
        return token != null && token.startsWith(PREFIX) && token.length() > PREFIX.length() + 20;
    }

    public static String hash(String token) {
        return Sha256.hex(token);
    }
}
