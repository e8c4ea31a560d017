package org.advocacyalerts.dispatcher.delivery;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/** Signing secrets in the Standard Webhooks format: {@code whsec_} + base64 of random bytes. */
public final class WebhookSecrets {

    public static final String PREFIX = "whsec_";
    /** 32 bytes = 256 bits, the HMAC-SHA256 block-size sweet spot (Standard Webhooks allows 24-64). */
    private static final int SECRET_BYTES = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSecrets() {}

    public static String generate() {
        byte[] key = new byte[SECRET_BYTES];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** What a subscription's secrets are sealed with ({@code SecretBox}): they open for that subscription only. */
    public static String context(UUID subscription) {
        return "webhook-secret:" + subscription;
    }

    /** The HMAC key: the base64-decoded part after the prefix. */
    public static byte[] key(String secret) {
        if (!secret.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a whsec_ secret");
        }
        return Base64.getDecoder().decode(secret.substring(PREFIX.length()));
    }
}
