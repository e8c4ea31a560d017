package org.advocacyalerts.dispatcher.delivery;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;

/**
 * Standard Webhooks signatures: {@code v1,} + base64 HMAC-SHA256 of {@code "{id}.{timestamp}.{body}"},
 * keyed with the decoded secret. Receivers verify it with any Standard Webhooks library.
 */
public final class WebhookSigner {

    private WebhookSigner() {}

    public static String sign(String secret, String messageId, long timestampSeconds, byte[] body) {
        Mac mac = HmacSha256.keyed(WebhookSecrets.key(secret));
        mac.update((messageId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
        mac.update(body);
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal());
    }
}
