package org.advocacyalerts.dispatcher.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.advocacyalerts.api.access.AccessMappers;
import org.advocacyalerts.dispatcher.config.DispatcherConfig;
import org.advocacyalerts.dispatcher.secrets.SecretBox;

/**
 * The staff console's sessions. Signing in with an admin key gives the browser a cookie holding the key
 * and the session's end, sealed (AES-256-GCM under {@code dispatcher.secrets.keys}): HttpOnly,
 * SameSite=Strict, sent to {@code /admin} only. The service stores nothing; every request checks the key
 * as an {@code Authorization} header would be checked, so a revoked key ends its sessions within the
 * key cache's interval, and the console calls statement-ingest with the admin's own key.
 */
@ApplicationScoped
public class StaffSessions {

    public static final String COOKIE = "aa_staff";

    /** A working day: after it, the admin signs in again. */
    static final Duration LIFETIME = Duration.ofHours(8);

    private static final String CONTEXT = "staff-session";
    private static final int MAX_COOKIE = 1000;

    private final SecretBox box;
    private final Clock clock;
    private final boolean secure;

    StaffSessions(SecretBox box, Clock clock, DispatcherConfig config) {
        this.box = box;
        this.clock = clock;
        this.secure = config.publicUrl().startsWith("https://");
    }

    /** The cookie of a new session for {@code key} (already checked: a valid admin key). */
    NewCookie start(String key) {
        Instant until = clock.instant().plus(LIFETIME);
        String sealed = box.seal(until.getEpochSecond() + " " + key, CONTEXT);
        return cookie(
                COOKIE,
                Base64.getUrlEncoder().withoutPadding().encodeToString(sealed.getBytes(StandardCharsets.US_ASCII)),
                (int) LIFETIME.toSeconds());
    }

    /** The cookie that ends the browser's session. */
    NewCookie end() {
        return expired(COOKIE);
    }

    /** A console cookie of {@code name}, expired: the browser drops it. */
    NewCookie expired(String name) {
        return cookie(name, "", 0);
    }

    /** The key of a session that has not ended, from its cookie; empty for anything else. */
    public Optional<String> key(String cookie) {
        if (cookie == null || cookie.isEmpty() || cookie.length() > MAX_COOKIE) {
            return Optional.empty();
        }
        try {
            String sealed = new String(Base64.getUrlDecoder().decode(cookie), StandardCharsets.US_ASCII);
            if (!sealed.startsWith(SecretBox.PREFIX)) {
                return Optional.empty(); // (open() would pass an unsealed value through)
            }
            String plain = box.open(sealed, CONTEXT);
            int space = plain.indexOf(' ');
            if (space < 0 || clock.instant().getEpochSecond() >= Long.parseLong(plain.substring(0, space))) {
                return Optional.empty();
            }
            return Optional.of(plain.substring(space + 1));
        } catch (RuntimeException e) { // not Base64, another key or context, tampered with
            return Optional.empty();
        }
    }

    private NewCookie cookie(String name, String value, int maxAge) {
        return new NewCookie.Builder(name)
                .value(value)
                .path(AccessMappers.CONSOLE)
                .maxAge(maxAge)
                .httpOnly(true)
                .secure(secure)
                .sameSite(NewCookie.SameSite.STRICT)
                .build();
    }
}
