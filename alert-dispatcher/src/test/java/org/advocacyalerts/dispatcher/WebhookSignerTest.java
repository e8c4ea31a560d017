package org.advocacyalerts.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.advocacyalerts.dispatcher.delivery.WebhookSecrets;
import org.advocacyalerts.dispatcher.delivery.WebhookSigner;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

    @Test
    void independentStandardWebhooksLibraryAcceptsOurSignature() throws Exception {
        String secret = WebhookSecrets.generate();
        String body = "{\"type\":\"alert.created\",\"data\":{\"text\":\"release all prisoners of war – «now»\"}}";
        long now = Instant.now().getEpochSecond();

        String signature = WebhookSigner.sign(secret, "msg_1", now, body.getBytes(StandardCharsets.UTF_8));

        new Webhook(secret).verify(body, headers("msg_1", now, signature));
    }

    @Test
    void signatureOfAnotherBodyOrSecretIsRejected() {
        String secret = WebhookSecrets.generate();
        long now = Instant.now().getEpochSecond();
        String signature = WebhookSigner.sign(secret, "msg_1", now, "{\"a\":1}".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> new Webhook(secret).verify("{\"a\":2}", headers("msg_1", now, signature)))
                .isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() ->
                        new Webhook(WebhookSecrets.generate()).verify("{\"a\":1}", headers("msg_1", now, signature)))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void knownVectorMatchesTheSpecification() {
        // Standard Webhooks reference vector (the spec's README and every official library's tests).
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        String body = "{\"test\": 2432232314}";

        String signature = WebhookSigner.sign(
                secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, body.getBytes(StandardCharsets.UTF_8));

        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void secretsHaveThePrefixAnd32RandomBytes() {
        String a = WebhookSecrets.generate();
        assertThat(a).startsWith("whsec_");
        assertThat(WebhookSecrets.key(a)).hasSize(32);
        assertThat(WebhookSecrets.generate()).isNotEqualTo(a);
    }

    private static Map<String, List<String>> headers(String id, long timestamp, String signature) {
        return Map.of(
                "webhook-id", List.of(id),
                "webhook-timestamp", List.of(String.valueOf(timestamp)),
                "webhook-signature", List.of(signature));
    }
}
