package org.advocacyalerts.dispatcher.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

    private static final String K1 = "k1:" + Base64.getEncoder().encodeToString(new byte[32]);
    private static final String K2 =
            "k2:" + Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    @Test
    void aSealedValueOpensForItsContextOnlyAndNeverShowsThePlaintext() {
        SecretBox box = new SecretBox(List.of(K1));
        String sealed = box.seal("whsec_secret", "webhook-secret:a");
        assertThat(sealed).startsWith("aes1:k1:").doesNotContain("whsec_secret");
        assertThat(box.seal("whsec_secret", "webhook-secret:a"))
                .as("a new nonce each time")
                .isNotEqualTo(sealed);
        assertThat(box.open(sealed, "webhook-secret:a")).isEqualTo("whsec_secret");
        assertThatThrownBy(() -> box.open(sealed, "webhook-secret:b")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> box.open(sealed.substring(0, sealed.length() - 4) + "AAAA", "webhook-secret:a"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void afterARotationOldValuesStillOpenAndNewOnesUseTheNewKey() {
        String old = new SecretBox(List.of(K1)).seal("whsec_old", "c");
        SecretBox rotated = new SecretBox(List.of(K2, K1));
        assertThat(rotated.open(old, "c")).isEqualTo("whsec_old");
        assertThat(rotated.isCurrent(old)).isFalse();
        assertThat(rotated.seal("whsec_new", "c")).startsWith("aes1:k2:");
        assertThatThrownBy(() -> new SecretBox(List.of(K2)).open(old, "c"))
                .hasMessageContaining("key k1")
                .hasMessageContaining("put it back");
    }

    @Test
    void badKeyConfigurationSaysWhatIsExpected() {
        assertThatThrownBy(() -> new SecretBox(List.of("k1:short")))
                .hasMessageContaining("id:base64 of 32 random bytes");
        assertThatThrownBy(() -> new SecretBox(List.of(K1, K1))).hasMessageContaining("twice");
        assertThatThrownBy(() -> new SecretBox(List.of())).hasMessageContaining("empty");
    }

    @Test
    void aValueStoredBeforeEncryptionIsReadAsItIsUntilResealed() {
        assertThat(new SecretBox(List.of(K1)).open("whsec_plain", "c")).isEqualTo("whsec_plain");
    }
}
