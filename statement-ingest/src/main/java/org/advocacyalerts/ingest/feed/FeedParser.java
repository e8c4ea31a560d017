package org.advocacyalerts.ingest.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;

/**
 * Reads RSS 0.9x/1.0 (RDF)/2.0 and Atom 1.0 with Rome, and JSON Feed 1.0/1.1 with Jackson, into
 * {@link FeedItem}s. Hostile documents are refused with a clear message: a DOCTYPE (external entities,
 * "billion laughs") is never processed, bytes that are no feed say so, and at most
 * {@link #MAX_ITEMS} items are read. The charset comes from the byte order mark, the XML declaration
 * or the HTTP header, in the order XML itself prescribes.
 */
public final class FeedParser {

    /** Feeds list the latest 10-100 items; a feed of 100,000 is an attack or a mistake. */
    public static final int MAX_ITEMS = 1000;

    /** Titles are headlines; a longer one is cut, with an ellipsis. */
    static final int MAX_TITLE = 1000;

    public enum Type {
        RSS,
        ATOM,
        JSONFEED,
        AUTO;

        public static Type of(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
    }

    private final ObjectMapper json;

    public FeedParser(ObjectMapper json) {
        this.json = json;
    }

    /**
     * @param contentType the HTTP Content-Type header as received (may be null)
     * @param base the feed's URL, against which relative item links are resolved
     */
    public List<FeedItem> parse(byte[] body, String contentType, Type type, URI base) throws FeedFormatException {
        if (body.length == 0) {
            throw new FeedFormatException("the feed is empty (0 bytes)");
        }
        boolean jsonFeed = type == Type.JSONFEED || (type == Type.AUTO && looksLikeJson(body));
        return jsonFeed ? jsonFeed(body, base) : xml(body, contentType, base);
    }

    private List<FeedItem> xml(byte[] body, String contentType, URI base) throws FeedFormatException {
        SyndFeedInput input = new SyndFeedInput();
        input.setAllowDoctypes(false); // the default; said out loud because it is the XXE guard
        input.setXmlHealerOn(true);
        SyndFeed feed;
        try (XmlReader reader = new XmlReader(new ByteArrayInputStream(body), contentType, true)) {
            feed = input.build(reader);
        } catch (FeedException | IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("DOCTYPE") || message.contains("doctype")) {
                throw new FeedFormatException(
                        "the feed declares a DOCTYPE, which is refused (entities could read local files or"
                                + " expand to gigabytes)",
                        e);
            }
            throw new FeedFormatException("not an RSS, Atom or JSON feed: " + firstLine(message), e);
        } catch (IOException e) {
            throw new FeedFormatException("unreadable characters: " + firstLine(e.getMessage()), e);
        }
        List<FeedItem> items = new ArrayList<>();
        for (SyndEntry entry : feed.getEntries()) {
            if (items.size() == MAX_ITEMS) {
                break;
            }
            String link = link(base, entry.getLink());
            String guid = clean(entry.getUri());
            if (guid == null && link == null) {
                continue; // nothing would identify it on the next poll
            }
            items.add(new FeedItem(
                    guid,
                    link,
                    title(entry.getTitle()),
                    text(entry),
                    instant(entry.getPublishedDate() != null ? entry.getPublishedDate() : entry.getUpdatedDate())));
        }
        return items;
    }

    private List<FeedItem> jsonFeed(byte[] body, URI base) throws FeedFormatException {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new FeedFormatException("not valid JSON: " + firstLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new FeedFormatException("not valid JSON: " + firstLine(e.getMessage()), e);
        }
        if (root == null
                || !root.isObject()
                || !root.path("version").asText("").startsWith("https://jsonfeed.org/version/")) {
            throw new FeedFormatException("JSON without a JSON Feed \"version\" (https://jsonfeed.org/version/1.1)");
        }
        JsonNode entries = root.path("items");
        if (!entries.isArray()) {
            throw new FeedFormatException("a JSON Feed needs an \"items\" array");
        }
        List<FeedItem> items = new ArrayList<>();
        for (JsonNode item : entries) {
            if (items.size() == MAX_ITEMS) {
                break;
            }
            if (!item.isObject()) {
                continue;
            }
            String link = link(base, textOf(item, "url"));
            String guid = clean(textOf(item, "id"));
            if (guid == null && link == null) {
                continue;
            }
            String html = textOf(item, "content_html");
            String text = html != null ? Jsoup.parse(html).text() : clean(textOf(item, "content_text"));
            if (text == null) {
                text = clean(textOf(item, "summary"));
            }
            String date = textOf(item, "date_published") != null
                    ? textOf(item, "date_published")
                    : textOf(item, "date_modified");
            items.add(new FeedItem(guid, link, title(textOf(item, "title")), text == null ? "" : text, rfc3339(date)));
        }
        return items;
    }

    private static String textOf(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }

    private static boolean looksLikeJson(byte[] body) {
        for (byte b : body) {
            if (b == '{') {
                return true;
            }
            if (!Character.isWhitespace(b) && (b & 0xff) != 0xef && (b & 0xff) != 0xbb && (b & 0xff) != 0xbf) {
                return false; // the UTF-8 byte order mark aside, the first character decides
            }
        }
        return false;
    }

    private static String text(SyndEntry entry) {
        for (SyndContent content : entry.getContents()) {
            if (content.getValue() != null && !content.getValue().isBlank()) {
                return Jsoup.parse(content.getValue()).text();
            }
        }
        SyndContent description = entry.getDescription();
        return description == null || description.getValue() == null
                ? ""
                : Jsoup.parse(description.getValue()).text();
    }

    /** Titles may carry HTML ("&lt;b&gt;Statement&lt;/b&gt;"): plain text, one line, bounded. */
    static String title(String raw) {
        if (raw == null) {
            return "";
        }
        String plain = Jsoup.parse(raw).text().strip();
        return plain.length() <= MAX_TITLE ? plain : plain.substring(0, MAX_TITLE - 1) + "…";
    }

    /** An absolute http(s) link, or null: relative links are resolved, other schemes dropped. */
    static String link(URI base, String raw) {
        String value = clean(raw);
        if (value == null) {
            return null;
        }
        try {
            URI uri = base == null ? new URI(value) : base.resolve(new URI(value));
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null ? uri.toString() : null;
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    private static String clean(String value) {
        if (value == null) {
            return null;
        }
        String stripped = value.strip();
        return stripped.isEmpty() ? null : stripped;
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private static Instant rfc3339(String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            return null; // an unreadable date is no date; the item is still news
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no details";
        }
        String line = message.lines().findFirst().orElse("").strip();
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
