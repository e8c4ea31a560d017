package org.advocacyalerts.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressPolicyTest {

    private final AddressPolicy publicOnly = AddressPolicy.publicOnly();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "127.8.9.10",
                "10.1.2.3",
                "172.16.0.1",
                "172.31.255.255",
                "192.168.1.1",
                "100.64.0.1",
                "169.254.169.254",
                "0.0.0.0",
                "224.0.0.1",
                "255.255.255.255",
                "198.18.0.1",
                "::1",
                "::",
                "fe80::1",
                "fc00::1",
                "fd12:3456::1",
                "::ffff:127.0.0.1",
                "::ffff:169.254.169.254",
                "::10.0.0.1",
                "64:ff9b::a9fe:a9fe",
                "2002:a9fe:a9fe::1",
                "ff02::1"
            })
    void refusesEveryNonPublicAddress(String literal) throws Exception {
        assertThat(publicOnly.refusal(InetAddress.getByName(literal)))
                .as(literal)
                .isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "93.184.216.34", "172.32.0.1", "100.128.0.1", "2606:4700::1111"})
    void allowsPublicAddresses(String literal) throws Exception {
        assertThat(publicOnly.refusal(InetAddress.getByName(literal)))
                .as(literal)
                .isEmpty();
    }

    @Test
    void theMetadataEndpointIsNamedInTheRefusal() throws Exception {
        assertThat(publicOnly.refusal(InetAddress.getByName("169.254.169.254")))
                .hasValueSatisfying(reason -> assertThat(reason).contains("169.254.169.254", "link-local"));
    }

    @Test
    void configurationAllowsNamedRangesOnly() throws Exception {
        AddressPolicy loopback = AddressPolicy.parse("loopback");
        assertThat(loopback.refusal(InetAddress.getByName("127.0.0.1"))).isEmpty();
        assertThat(loopback.refusal(InetAddress.getByName("::1"))).isEmpty();
        assertThat(loopback.refusal(InetAddress.getByName("::ffff:127.0.0.1"))).isEmpty();
        assertThat(loopback.refusal(InetAddress.getByName("10.0.0.1"))).isPresent();
        assertThat(loopback.refusal(InetAddress.getByName("169.254.169.254"))).isPresent();
        assertThat(AddressPolicy.parse("loopback, private").allowed())
                .containsExactly(AddressPolicy.Range.LOOPBACK, AddressPolicy.Range.PRIVATE);
        assertThat(AddressPolicy.parse("none").allowed()).isEmpty();
        assertThat(AddressPolicy.parse("").allowed()).isEmpty();
        assertThatThrownBy(() -> AddressPolicy.parse("loopback,everything")).hasMessageContaining("'everything'");
    }

    @Test
    void resolvingANameToALoopbackAddressIsRefused() {
        assertThatThrownBy(() -> publicOnly.resolve("localhost"))
                .isInstanceOf(AddressPolicy.BlockedAddressException.class)
                .hasMessageContaining("localhost resolves to")
                .hasMessageContaining("loopback");
    }

    @Test
    void allowedRangesResolve() throws Exception {
        assertThat(List.of(AddressPolicy.allowing(List.of(AddressPolicy.Range.LOOPBACK))
                        .resolve("127.0.0.1")))
                .extracting(InetAddress::getHostAddress)
                .containsExactly("127.0.0.1");
    }
}
