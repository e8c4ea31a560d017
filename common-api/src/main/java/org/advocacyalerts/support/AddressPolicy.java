package org.advocacyalerts.support;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which network addresses the services may connect to on someone else's say-so (a feed URL, a page
 * link, a webhook target): the SSRF guard. Public unicast addresses only, unless configuration allows
 * more: never loopback, RFC 1918, carrier-grade NAT, link-local (the cloud metadata endpoint
 * 169.254.169.254 among them), IPv6 unique-local or link-local, multicast, "this network", or an IPv4
 * address hidden in an IPv6 one (mapped, compatible, 6to4, NAT64), unless allowed.
 *
 * <p>Check the addresses a connection is actually made to, after resolution, not the host name: a
 * name can resolve to anything, and to something else the next time (DNS rebinding).
 */
public final class AddressPolicy {

    /** Named ranges a configuration may allow. */
    public enum Range {
        /** 127.0.0.0/8 and ::1: this machine; tests and bin/local-stack allow it. */
        LOOPBACK,
        /** 10/8, 172.16/12, 192.168/16, 100.64/10 (CGNAT), fc00::/7: a private network. */
        PRIVATE,
        /** 169.254/16 (cloud metadata), fe80::/10. */
        LINK_LOCAL,
    }

    private final List<Range> allowed;

    private AddressPolicy(List<Range> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    /** Public addresses only: the production default. */
    public static AddressPolicy publicOnly() {
        return new AddressPolicy(List.of());
    }

    /** Public addresses and the named ranges. */
    public static AddressPolicy allowing(Collection<Range> ranges) {
        return new AddressPolicy(new ArrayList<>(ranges));
    }

    /**
     * From configuration: a comma-separated list of {@code loopback}, {@code private},
     * {@code link-local}; empty or {@code none} for public addresses only.
     *
     * @throws IllegalArgumentException naming the unknown word
     */
    public static AddressPolicy parse(String setting) {
        List<Range> ranges = new ArrayList<>();
        for (String word : setting == null ? new String[0] : setting.split(",")) {
            String w = word.strip().toLowerCase(Locale.ROOT);
            if (w.isEmpty() || w.equals("none")) {
                continue;
            }
            ranges.add(
                    switch (w) {
                        case "loopback" -> Range.LOOPBACK;
                        case "private" -> Range.PRIVATE;
                        case "link-local" -> Range.LINK_LOCAL;
                        default ->
                            throw new IllegalArgumentException("unknown address range '" + word.strip()
                                    + "' (use loopback, private, link-local or none)");
                    });
        }
        return new AddressPolicy(ranges);
    }

    public List<Range> allowed() {
        return allowed;
    }

    /** Why {@code address} may not be connected to, or empty when it may. */
    public Optional<String> refusal(InetAddress address) {
        InetAddress effective = embeddedIpv4(address).orElse(address);
        String kind = kind(effective);
        if (kind == null) {
            return Optional.empty();
        }
        Range range = rangeOf(effective);
        if (range != null && allowed.contains(range)) {
            return Optional.empty();
        }
        return Optional.of(effective.getHostAddress() + " is " + kind);
    }

    /**
     * Resolves {@code host} and returns its addresses, all of them allowed.
     *
     * @throws UnknownHostException when the name does not resolve
     * @throws BlockedAddressException when any address is refused (a name that resolves to a public and
     *     a private address is refused as a whole: its owner chooses which one a connection uses)
     */
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = InetAddress.getAllByName(host);
        for (InetAddress address : addresses) {
            Optional<String> refusal = refusal(address);
            if (refusal.isPresent()) {
                throw new BlockedAddressException(host + " resolves to " + refusal.get());
            }
        }
        return addresses;
    }

    /** A connection refused by the policy; the message says which address and why. */
    public static final class BlockedAddressException extends UnknownHostException {
        public BlockedAddressException(String message) {
            super(message);
        }
    }

    /** The human-readable kind of a non-public address, or null for a public one. */
    private static String kind(InetAddress a) {
        if (a.isLoopbackAddress()) {
            return "a loopback address";
        }
        if (a.isAnyLocalAddress()) {
            return "the unspecified address";
        }
        if (a.isLinkLocalAddress()) {
            return "a link-local address (cloud metadata lives there)";
        }
        if (a.isMulticastAddress()) {
            return "a multicast address";
        }
        if (rangeOf(a) == Range.PRIVATE) {
            return "a private network address";
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0) {
                return "a 'this network' address";
            }
            if (first >= 240) {
                return "a reserved address";
            }
            if (first == 198 && (second == 18 || second == 19)) {
                return "a benchmarking address";
            }
            if (first == 192 && second == 0 && (b[2] & 0xff) == 0) {
                return "an IETF protocol address";
            }
        }
        return null;
    }

    private static Range rangeOf(InetAddress a) {
        if (a.isLoopbackAddress()) {
            return Range.LOOPBACK;
        }
        if (a.isLinkLocalAddress()) {
            return Range.LINK_LOCAL;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            boolean isPrivate = first == 10
                    || (first == 172 && second >= 16 && second <= 31)
                    || (first == 192 && second == 168)
                    || (first == 100 && second >= 64 && second <= 127);
            return isPrivate ? Range.PRIVATE : null;
        }
        if (a instanceof Inet6Address && (b[0] & 0xfe) == 0xfc) {
            return Range.PRIVATE; // fc00::/7 unique local
        }
        return null;
    }

    /** The IPv4 address an IPv6 one carries (::ffff:a.b.c.d, ::a.b.c.d, 64:ff9b::a.b.c.d, 2002:ab:cd::). */
    private static Optional<InetAddress> embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return Optional.empty();
        }
        byte[] b = address.getAddress();
        int from;
        if (allZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            from = 12; // IPv4-mapped (Java usually returns these as Inet4Address already)
        } else if (allZero(b, 0, 12) && !allZero(b, 12, 16) && !(allZero(b, 12, 15) && b[15] == 1)) {
            from = 12; // IPv4-compatible (deprecated, still routable by some stacks)
        } else if ((b[0] & 0xff) == 0x00
                && (b[1] & 0xff) == 0x64
                && (b[2] & 0xff) == 0xff
                && (b[3] & 0xff) == 0x9b
                && allZero(b, 4, 12)) {
            from = 12; // NAT64 well-known prefix 64:ff9b::/96
        } else if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            from = 2; // 6to4 2002:AABB:CCDD::
        } else {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(new byte[] {b[from], b[from + 1], b[from + 2], b[from + 3]}));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
