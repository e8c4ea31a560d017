package org.advocacyalerts.dispatcher.secrets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.advocacyalerts.dispatcher.config.DispatcherConfig;
import org.advocacyalerts.dispatcher.delivery.HmacSha256;

/**
 * Encrypts values at rest with AES-256-GCM under a key from configuration ({@code dispatcher.secrets.keys}).
 * A sealed value is {@code aes1:<key id>:<base64 of nonce, ciphertext and tag>}, so values sealed under an
 * older key still open after a rotation. The {@code context} (e.g. the subscription it belongs to) is
 * authenticated with it: a value copied to another row does not open there.
 */
@ApplicationScoped
public class SecretBox {

    public static final String PREFIX = "aes1:";

    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, byte[]> keys = new LinkedHashMap<>();
    private final String current;

    @Inject
    SecretBox(DispatcherConfig config) {
        this(config.secrets().keys());
    }

    /** {@code keys}: {@code id:base64}, the first one current. */
    public SecretBox(List<String> keys) {
        for (String entry : keys) {
            int colon = entry.indexOf(':');
            String id = colon < 0 ? "" : entry.substring(0, colon).strip();
            byte[] key;
            try {
                key = Base64.getDecoder().decode(entry.substring(colon + 1).strip());
            } catch (IllegalArgumentException e) {
                key = new byte[0];
            }
            if (!KEY_ID.matcher(id).matches() || key.length != 32) {
                throw new IllegalArgumentException("dispatcher.secrets.keys (DISPATCHER_SECRETS_KEYS): each entry is"
                        + " id:base64 of 32 random bytes, e.g. k1:$(openssl rand -base64 32); an entry is not");
            }
            if (this.keys.put(id, key) != null) {
                throw new IllegalArgumentException("dispatcher.secrets.keys names key " + id + " twice");
            }
        }
        if (this.keys.isEmpty()) {
            throw new IllegalArgumentException("dispatcher.secrets.keys (DISPATCHER_SECRETS_KEYS) is empty");
        }
        this.current = this.keys.keySet().iterator().next();
    }

    /** The id of the key that seals now. */
    public String currentKeyId() {
        return current;
    }

    public String seal(String plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] sealed =
                crypt(Cipher.ENCRYPT_MODE, key(current), nonce, context, plaintext.getBytes(StandardCharsets.UTF_8));
        return PREFIX + current + ":"
                + Base64.getEncoder()
                        .encodeToString(ByteBuffer.allocate(NONCE_BYTES + sealed.length)
                                .put(nonce)
                                .put(sealed)
                                .array());
    }

    /**
     * The plaintext of a sealed value; a value written before encryption (no prefix) is returned as it
     * is, until the start-up re-sealing has encrypted it. Fails for a value of an unknown key or context.
     */
    public String open(String stored, String context) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return stored;
        }
        int colon = stored.indexOf(':', PREFIX.length());
        if (colon < 0) {
            throw new IllegalStateException("a sealed value without its key id");
        }
        byte[] all = Base64.getDecoder().decode(stored.substring(colon + 1));
        byte[] nonce = Arrays.copyOf(all, NONCE_BYTES);
        byte[] sealed = Arrays.copyOfRange(all, NONCE_BYTES, all.length);
        byte[] plain =
                crypt(Cipher.DECRYPT_MODE, key(stored.substring(PREFIX.length(), colon)), nonce, context, sealed);
        return new String(plain, StandardCharsets.UTF_8);
    }

    /** Whether {@code stored} is sealed with the current key (else it is re-sealed at start). */
    public boolean isCurrent(String stored) {
        return stored != null && stored.startsWith(PREFIX + current + ":");
    }

    /** A 256-bit key for one {@code purpose}, derived from key {@code keyId} (HMAC-SHA256). */
    public byte[] derive(String keyId, String purpose) {
        return HmacSha256.keyed(key(keyId)).doFinal(purpose.getBytes(StandardCharsets.UTF_8));
    }

    public boolean knows(String keyId) {
        return keys.containsKey(keyId);
    }

    /** AES-256-GCM with {@code context} as associated data. */
    public static byte[] crypt(int mode, byte[] key, byte[] nonce, String context, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "cannot " + (mode == Cipher.ENCRYPT_MODE ? "seal" : "open") + " a value: " + e.getMessage(), e);
        }
    }

    private byte[] key(String id) {
        byte[] key = keys.get(id);
        if (key == null) {
            throw new IllegalStateException("a value is sealed with key " + id
                    + ", which dispatcher.secrets.keys no longer holds: put it back (after the new one)");
        }
        return key;
    }
}
