package org.advocacyalerts.ingest.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * SHA-256 over the normalised text of a statement: Unicode NFC and whitespace runs collapsed, so that
 * re-encoding or re-wrapping the same words yields the same hash while any change of words does not.
 */
public final class ContentHash {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private ContentHash() {}

    public static String sha256(String title, String body) {
        String text = normalise(title) + "\n" + normalise(body);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }

    static String normalise(String text) {
        return WHITESPACE
                .matcher(Normalizer.normalize(text, Normalizer.Form.NFC))
                .replaceAll(" ")
                .strip();
    }
}
