package org.advocacyalerts.dispatcher.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.advocacyalerts.dispatcher.config.DispatcherConfig;
import org.advocacyalerts.dispatcher.delivery.HmacSha256;
import org.advocacyalerts.dispatcher.secrets.SecretBox;

/**
 * CSRF protection of the pages' forms (double submit, signed): a page with a form gives the browser a
 * random value in an HttpOnly, SameSite=Strict cookie and puts its HMAC (under a key derived from
 * {@code dispatcher.secrets.keys}) in the form; a POST is taken only if its form field is the HMAC of
 * its cookie. Another site can neither read the cookie nor make its HMAC, and the browser does not send
 * a SameSite=Strict cookie with another site's POST anyway. Stateless: every replica checks every
 * other's tokens.
 */
@ApplicationScoped
public class FormTokens {

    /** The cookie's name, and the form field's. */
    public static final String COOKIE = "aa_form";

    public static final String FIELD = "csrf";

    private static final int COOKIE_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    /** A page's token, and the cookie to set when the browser has none yet (null: it has one). */
    public record Issued(String token, NewCookie cookie) {}

    private final SecretBox box;
    private final boolean secure;

    FormTokens(SecretBox box, DispatcherConfig config) {
        this.box = box;
        this.secure = config.publicUrl().startsWith("https://");
    }

    /** The token for a page shown to a browser that sent {@code cookie} (null or malformed: a new one). */
    public Issued issue(String cookie) {
        if (wellFormed(cookie)) {
            return new Issued(sign(box.currentKeyId(), cookie), null);
        }
        byte[] value = new byte[COOKIE_BYTES];
        RANDOM.nextBytes(value);
        String fresh = ENCODER.encodeToString(value);
        NewCookie set = new NewCookie.Builder(COOKIE)
                .value(fresh)
                .path("/")
                .httpOnly(true)
                .secure(secure)
                .sameSite(NewCookie.SameSite.STRICT)
                .build();
        return new Issued(sign(box.currentKeyId(), fresh), set);
    }

    /** Whether a form's {@code token} was issued for the browser's {@code cookie}. */
    public boolean valid(String cookie, String token) {
        if (!wellFormed(cookie) || token == null || token.length() > 200) {
            return false;
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        String keyId = token.substring(0, dot);
        if (!box.knows(keyId)) {
            return false;
        }
        return MessageDigest.isEqual(
                sign(keyId, cookie).getBytes(StandardCharsets.US_ASCII), token.getBytes(StandardCharsets.US_ASCII));
    }

    private String sign(String keyId, String cookie) {
        byte[] mac = HmacSha256.keyed(box.derive(keyId, "forms")).doFinal(cookie.getBytes(StandardCharsets.US_ASCII));
        return keyId + "." + ENCODER.encodeToString(mac);
    }

    private static boolean wellFormed(String cookie) {
        return cookie != null && cookie.length() == 43 && cookie.matches("[A-Za-z0-9_-]+");
    }
}
