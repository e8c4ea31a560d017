package org.advocacyalerts.dispatcher.delivery;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 keyed per use, with one {@link Mac} per thread: {@code Mac.getInstance} looks the
 * algorithm up among the security providers and builds it by reflection, which every webhook signature
 * and email link paid for (up to three times an email).
 */
public final class HmacSha256 {

    private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java runtime", e);
        }
    });

    private HmacSha256() {}

    /** This thread's Mac, keyed with {@code key} and ready for {@code update}/{@code doFinal}. */
    public static Mac keyed(byte[] key) {
        Mac mac = MACS.get();
        try {
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an HMAC key", e);
        }
        return mac;
    }
}
