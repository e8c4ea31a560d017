package org.advocacyalerts.ingest.feed;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One spelling per page, so an item found under two URLs is one item: scheme and host lower-cased,
 * default port, fragment and trailing slash dropped, tracking parameters ({@code utm_*}, {@code fbclid},
 * {@code gclid}, …) removed; other parameters keep their order (they may select the page).
 */
public final class CanonicalUrl {

    private static final Set<String> TRACKING = Set.of(
            "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "_ga", "_gl", "igshid", "ref_src", "yclid");

    private CanonicalUrl() {}

    /** The canonical form of an http(s) URL; anything else comes back unchanged. */
    public static String of(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            return url.strip();
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
            return url.strip();
        }
        int port = uri.getPort();
        if (("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443)) {
            port = -1;
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        List<String> kept = new ArrayList<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String name = pair.split("=", 2)[0].toLowerCase(Locale.ROOT);
                if (!pair.isEmpty() && !name.startsWith("utm_") && !TRACKING.contains(name)) {
                    kept.add(pair);
                }
            }
        }
        StringBuilder out =
                new StringBuilder(scheme).append("://").append(uri.getHost().toLowerCase(Locale.ROOT));
        if (port != -1) {
            out.append(':').append(port);
        }
        out.append(path);
        if (!kept.isEmpty()) {
            out.append('?').append(String.join("&", kept));
        }
        return out.toString();
    }
}
