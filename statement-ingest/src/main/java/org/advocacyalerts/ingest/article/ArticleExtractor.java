package org.advocacyalerts.ingest.article;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.jsoup.select.QueryParser;
import org.jsoup.select.Selector;

/**
 * The statement inside a web page: its main text (the source's CSS selector, else a readability-style
 * guess: the block with the most paragraph text and the fewest links), title, publication date and
 * canonical URL. Charset: byte order mark, then the HTTP header, then {@code <meta charset>}, as
 * browsers do. Scripts, styles, navigation, headers, footers, forms and asides never count as text.
 */
public final class ArticleExtractor {

    /** The page's statement; {@code published} and {@code canonicalUrl} may be null. */
    public record Article(String title, String text, Instant published, String canonicalUrl) {

        /**
         * Shorter than a full article: a two-sentence statement, or a teaser or error page. Taken when
         * nothing better is at hand, never as a revision of a longer text.
         */
        public boolean isShort() {
            return text.length() < MIN_TEXT;
        }
    }

    private static final Pattern CHARSET = Pattern.compile("charset\\s*=\\s*\"?([\\w.:-]+)", Pattern.CASE_INSENSITIVE);

    /** Below this many characters a "main text" may be a teaser or an error page as well as a statement. */
    static final int MIN_TEXT = 200;

    /**
     * @param selector the source's {@code articleSelector}, or null
     * @return the article (perhaps {@linkplain Article#isShort() short}), or null when the page holds no text
     * @throws IllegalArgumentException when {@code selector} is not valid CSS (checked when a source is saved)
     */
    public Article extract(byte[] html, String contentType, URI url, String selector) {
        Document page;
        try {
            page = Jsoup.parse(new ByteArrayInputStream(html), headerCharset(html, contentType), url.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("reading an in-memory page failed", e);
        }
        page.select("script, style, noscript, template, iframe, svg, nav, header, footer, aside, form, button")
                .remove();
        Element body = selector != null && !selector.isBlank() ? selected(page, selector) : mainBlock(page);
        String text = body == null ? "" : text(body);
        if (text.isBlank()) {
            return null;
        }
        return new Article(title(page), text, published(page), canonical(page, url));
    }

    /** Whether {@code selector} is valid CSS, for the sources API. */
    public static void checkSelector(String selector) {
        try {
            QueryParser.parse(selector);
        } catch (Selector.SelectorParseException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static Element selected(Document page, String selector) {
        checkSelector(selector);
        Elements found = page.select(selector);
        if (found.isEmpty()) {
            return null;
        }
        Element holder = new Element("div");
        found.forEach(e -> holder.appendChild(e.clone()));
        return holder;
    }

    /** The element whose paragraphs hold the most text, links discounted. */
    private static Element mainBlock(Document page) {
        Element best = null;
        double bestScore = 0;
        for (Element candidate : page.select("article, main, [role=main], div, section, td")) {
            double score = 0;
            for (Element p : candidate.children()) {
                if (p.nameIs("p") || p.nameIs("blockquote") || p.nameIs("li") || p.nameIs("h2") || p.nameIs("h3")) {
                    score += p.text().length();
                } else if (p.nameIs("ul") || p.nameIs("ol")) {
                    score += p.text().length() * 0.5;
                }
            }
            int textLength = Math.max(1, candidate.text().length());
            double linkDensity = candidate.select("a").text().length() / (double) textLength;
            score *= 1 - Math.min(0.9, linkDensity);
            if (candidate.nameIs("article") || candidate.nameIs("main") || "main".equals(candidate.attr("role"))) {
                score *= 1.25;
            }
            if (score > bestScore) {
                bestScore = score;
                best = candidate;
            }
        }
        return best != null ? best : page.body();
    }

    /** Block elements become paragraphs separated by a blank line; whitespace inside them collapses. */
    private static String text(Element root) {
        List<String> blocks = new ArrayList<>();
        Elements paragraphs = root.select("p, h1, h2, h3, h4, li, blockquote, pre");
        if (paragraphs.isEmpty()) {
            blocks.add(root.text());
        } else {
            for (Element p : paragraphs) {
                if (p.parents().stream().anyMatch(parent -> paragraphs.contains(parent))) {
                    continue; // a <p> inside a <blockquote> is read with it
                }
                String t = p.text().strip();
                if (!t.isEmpty()) {
                    blocks.add(t);
                }
            }
        }
        return String.join("\n\n", blocks).strip();
    }

    private static String title(Document page) {
        for (String css : List.of("meta[property=og:title]", "meta[name=twitter:title]")) {
            String content = page.select(css).attr("content").strip();
            if (!content.isEmpty()) {
                return content;
            }
        }
        String h1 = page.select("h1").text().strip();
        return !h1.isEmpty() ? h1 : page.title().strip();
    }

    private static Instant published(Document page) {
        for (String css : List.of(
                "meta[property=article:published_time]",
                "meta[name=date]",
                "meta[name=dcterms.date]",
                "meta[itemprop=datePublished]")) {
            Instant at = instant(page.select(css).attr("content"));
            if (at != null) {
                return at;
            }
        }
        return instant(page.select("time[datetime]").attr("datetime"));
    }

    private static Instant instant(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String canonical(Document page, URI url) {
        String href = page.select("link[rel=canonical]").attr("abs:href").strip();
        if (href.isEmpty()) {
            return null;
        }
        String lower = href.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://") ? href : null;
    }

    /** The HTTP header's charset, unless a byte order mark overrides it (jsoup reads the BOM itself). */
    private static String headerCharset(byte[] html, String contentType) {
        boolean bom = html.length >= 2
                && ((html[0] == (byte) 0xEF && html.length >= 3 && html[1] == (byte) 0xBB && html[2] == (byte) 0xBF)
                        || (html[0] == (byte) 0xFE && html[1] == (byte) 0xFF)
                        || (html[0] == (byte) 0xFF && html[1] == (byte) 0xFE));
        if (bom || contentType == null) {
            return null;
        }
        Matcher m = CHARSET.matcher(contentType);
        if (!m.find()) {
            return null;
        }
        try {
            return Charset.forName(m.group(1)).name();
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null; // an unknown declared charset: let the page's <meta> or UTF-8 decide
        }
    }
}
