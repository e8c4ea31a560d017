package org.advocacyalerts.dispatcher.web;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.advocacyalerts.dispatcher.match.Topic;
import org.advocacyalerts.dispatcher.store.TopicMatchStore.Matched;

/**
 * A topic's Atom 1.0 feed (RFC 4287): its latest matching statements, newest first, each with the
 * sentence that matters as its summary. Statement text is hostile: everything is written as escaped
 * text, characters XML cannot carry are dropped, and only http(s) links are given.
 */
public final class AtomFeed {

    static final String ATOM = "http://www.w3.org/2005/Atom";

    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

    private AtomFeed() {}

    /** The feed document; {@code base} is where this service is reached (links in the feed are absolute). */
    static byte[] of(Topic topic, List<Matched> entries, String base) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter xml = XML.createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.setDefaultNamespace(ATOM);
            xml.writeStartElement(ATOM, "feed");
            xml.writeDefaultNamespace(ATOM);
            text(
                    xml,
                    "id",
                    "urn:uuid:"
                            + UUID.nameUUIDFromBytes(("topic-feed:" + topic.id()).getBytes(StandardCharsets.UTF_8)));
            text(xml, "title", "Advocacy Alerts: " + topic.name());
            if (!topic.shortText().isBlank()) {
                text(xml, "subtitle", topic.shortText());
            }
            // the newest entry's time; a feed with none yet has not changed since the beginning
            text(
                    xml,
                    "updated",
                    (entries.isEmpty() ? Instant.EPOCH : entries.get(0).matchedAt()).toString());
            link(xml, "self", "application/atom+xml", base + "/topics/" + topic.id() + "/feed.atom");
            link(xml, "alternate", "text/html", base + "/");
            xml.writeStartElement(ATOM, "author");
            text(xml, "name", "Advocacy Alerts");
            xml.writeEndElement();
            text(xml, "generator", "Advocacy Alerts");
            for (Matched entry : entries) {
                entry(xml, entry, base);
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing a feed to memory failed", e);
        }
        return out.toByteArray();
    }

    private static void entry(XMLStreamWriter xml, Matched entry, String base) throws XMLStreamException {
        xml.writeStartElement(ATOM, "entry");
        text(xml, "id", "urn:uuid:" + entry.statementId());
        text(xml, "title", entry.title());
        link(xml, "alternate", "text/html", isWebLink(entry.url()) ? entry.url() : base + "/");
        text(xml, "published", entry.publishedAt().toString());
        text(xml, "updated", entry.matchedAt().toString());
        xml.writeStartElement(ATOM, "author");
        text(xml, "name", entry.sourceId());
        xml.writeEndElement();
        text(xml, "summary", entry.evidence());
        xml.writeEndElement();
    }

    private static void text(XMLStreamWriter xml, String element, String value) throws XMLStreamException {
        xml.writeStartElement(ATOM, element);
        xml.writeCharacters(xmlText(value));
        xml.writeEndElement();
    }

    private static void link(XMLStreamWriter xml, String rel, String type, String href) throws XMLStreamException {
        xml.writeEmptyElement(ATOM, "link");
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("type", type);
        xml.writeAttribute("href", xmlText(href));
    }

    /** A link a reader may follow: http or https only (never {@code javascript:} or {@code data:}). */
    public static boolean isWebLink(String url) {
        if (url == null) {
            return false;
        }
        String lower = url.strip().toLowerCase(java.util.Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://");
    }

    /** The text without the characters XML 1.0 cannot hold (controls, lone surrogates, U+FFFE/FFFF). */
    static String xmlText(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder kept = new StringBuilder(text.length());
        text.codePoints()
                .filter(c -> c == 0x9
                        || c == 0xA
                        || c == 0xD
                        || (c >= 0x20 && c <= 0xD7FF)
                        || (c >= 0xE000 && c <= 0xFFFD)
                        || (c >= 0x10000 && c <= 0x10FFFF))
                .forEach(kept::appendCodePoint);
        return kept.toString();
    }
}
