package org.advocacyalerts.ingest.store;

import java.text.Normalizer;
import java.util.regex.Pattern;
import org.advocacyalerts.model.Sha256;

/**
 * SHA-256 over the normalised text of a statement: Unicode NFC and whitespace runs collapsed, so that
 * re-encoding or re-wrapping the same words yields the same hash while any change of words does not.
 */
public final class ContentHash {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private ContentHash() {}

    public static String sha256(String title, String body) {
        String text = normalise(title) + "\n" + normalise(body);
        return Sha256.hex(text);
    }

    static String normalise(String text) {
        return WHITESPACE
                .matcher(Normalizer.normalize(text, Normalizer.Form.NFC))
                .replaceAll(" ")
                .strip();
    }
}
