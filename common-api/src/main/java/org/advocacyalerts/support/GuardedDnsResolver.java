package org.advocacyalerts.support;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.hc.client5.http.DnsResolver;

/**
 * Resolves through an {@link AddressPolicy}: an HTTP client built with it connects only to addresses
 * returned from here, so the address actually connected to is the one checked, whatever DNS answers
 * next (rebinding) and for IP literals too (the client resolves those through here as well).
 */
public record GuardedDnsResolver(AddressPolicy policy) implements DnsResolver {

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        return policy.resolve(host);
    }

    @Override
    public String resolveCanonicalHostname(String host) {
        return host;
    }
}
