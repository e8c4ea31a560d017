package org.advocacyalerts.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FeedParserTest {

    private final FeedParser parser = new FeedParser(new ObjectMapper());

    private static byte[] fixture(String name) {
        try (InputStream in = FeedParserTest.class.getResourceAsStream("/feeds/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<FeedItem> parse(String name, String contentType) throws FeedFormatException {
        return parser.parse(fixture(name), contentType, FeedParser.Type.AUTO, URI.create("https://www.osce.org/feed"));
    }

    @Test
    void readsTheRealWhiteHouseFeed() throws Exception {
        List<FeedItem> items = parse("whitehouse_briefing_room_rss_2023-09-28.xml", "application/rss+xml");
        assertThat(items).hasSize(30);
        FeedItem karabakh = items.stream()
                .filter(i -> i.title().contains("Nagorno-Karabakh"))
                .findFirst()
                .orElseThrow();
        assertThat(karabakh.title())
                .isEqualTo(
                        "Statement by National Security Council Spokesperson Adrienne Watson on Explosion at Fuel Depot"
                                + " in Nagorno-Karabakh");
        assertThat(karabakh.link()).startsWith("https://www.whitehouse.gov/briefing-room/statements-releases/2023/09/");
        assertThat(karabakh.guid()).isEqualTo(karabakh.link()); // whitespace around values is not part of them
        assertThat(karabakh.published()).isNotNull();
        assertThat(karabakh.text()).isEmpty(); // these items carry no description: full text comes from the page
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "whitehouse_briefing_room_rss_2023-09-28.xml",
                "whitehouse_briefing_room_rss_2025-08-08.xml",
                "whitehouse_briefing_room_rss_2026-08-21.xml"
            })
    void everyRealFeedGivesThirtyDatedLinkedItems(String file) throws Exception {
        List<FeedItem> items = parse(file, "application/rss+xml");
        assertThat(items).hasSize(30).allSatisfy(item -> {
            assertThat(item.link()).startsWith("https://www.whitehouse.gov/");
            assertThat(item.title()).isNotBlank().doesNotStartWith(" ").doesNotEndWith(" ");
            assertThat(item.published()).isNotNull();
        });
        assertThat(items).extracting(FeedItem::identity).doesNotHaveDuplicates();
    }

    @Test
    void readsAtomWithRelativeLinksHtmlTitlesAndMissingDates() throws Exception {
        List<FeedItem> items = parse("osce.atom", "application/atom+xml");
        assertThat(items)
                .extracting(FeedItem::identity)
                .containsExactly("tag:osce.org,2026:press-release-1001", "tag:osce.org,2026:press-release-1002");
        FeedItem first = items.get(0);
        assertThat(first.title()).isEqualTo("OSCE Chair welcomes border delimitation talks");
        assertThat(first.link()).isEqualTo("https://www.osce.org/chairpersonship/1001");
        assertThat(first.text()).isEqualTo("The Chair welcomed the resumption of talks.");
        assertThat(first.published()).isEqualTo(Instant.parse("2026-11-27T08:00:00Z"));
        assertThat(items.get(1).published()).isNull();
        assertThat(items.get(1).text()).isEqualTo("Full text given in the feed.");
    }

    @Test
    void readsJsonFeedSafely() throws Exception {
        List<FeedItem> items = parse("mfa-am.json", "application/feed+json");
        assertThat(items).hasSize(2);
        assertThat(items.get(0).text()).isEqualTo("Armenia calls for the immediate release of all prisoners.");
        assertThat(items.get(0).published()).isEqualTo(Instant.parse("2026-11-26T14:00:00Z"));
        assertThat(items.get(1).link()).isNull();
        assertThat(items.get(1).title()).isEmpty();
        assertThat(items.get(1).published()).as("an unreadable date is no date").isNull();
    }

    @Test
    void readsRss1AndDeclaredCharsets() throws Exception {
        assertThat(parse("rdf.xml", null)).singleElement().satisfies(i -> {
            assertThat(i.title()).isEqualTo("Resolution on Section 907");
            assertThat(i.published()).isEqualTo(Instant.parse("2026-11-20T12:00:00Z"));
        });
        // ISO-8859-1 bytes, declared in the XML prolog, served with a wrong header charset
        assertThat(parse("latin1.xml", "text/xml; charset=utf-8"))
                .singleElement()
                .extracting(FeedItem::title)
                .isEqualTo("Déclaration sur la frontière");
        byte[] bom =
                ("\uFEFF" + new String(fixture("rdf.xml"), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        assertThat(parser.parse(bom, null, FeedParser.Type.AUTO, null)).hasSize(1);
    }

    @Test
    void externalEntitiesAndEntityBombsAreRefusedUnexpanded() {
        assertThatThrownBy(() -> parse("xxe.xml", "application/rss+xml"))
                .isInstanceOf(FeedFormatException.class)
                .hasMessageContaining("DOCTYPE")
                .hasMessageNotContaining("root:");
        assertThatThrownBy(() -> parse("billion-laughs.xml", "application/rss+xml"))
                .isInstanceOf(FeedFormatException.class)
                .hasMessageContaining("DOCTYPE");
    }

    @Test
    void bytesThatAreNoFeedSaySo() {
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        assertThatThrownBy(() -> parser.parse(noise, null, FeedParser.Type.AUTO, null))
                .isInstanceOf(FeedFormatException.class)
                .hasMessageStartingWith("not an RSS, Atom or JSON feed");
        assertThatThrownBy(() -> parser.parse(
                        "<html><body>Not found</body></html>".getBytes(StandardCharsets.UTF_8),
                        "text/html",
                        FeedParser.Type.AUTO,
                        null))
                .hasMessageStartingWith("not an RSS, Atom or JSON feed");
        assertThatThrownBy(() -> parser.parse(
                        "{\"items\":[]}".getBytes(StandardCharsets.UTF_8), null, FeedParser.Type.AUTO, null))
                .hasMessageContaining("JSON Feed \"version\"");
        assertThatThrownBy(() -> parser.parse(new byte[0], null, FeedParser.Type.AUTO, null))
                .hasMessageContaining("empty");
    }

    @Test
    void aFeedOfAMillionItemsIsReadOnlyUpToTheLimit() throws Exception {
        StringBuilder xml = new StringBuilder(
                "<rss version=\"2.0\"><channel><title>t</title><link>https://x.example/</link><description>d</description>");
        for (int i = 0; i < FeedParser.MAX_ITEMS + 50; i++) {
            xml.append("<item><title>t")
                    .append(i)
                    .append("</title><link>https://x.example/")
                    .append(i)
                    .append("</link></item>");
        }
        xml.append("</channel></rss>");
        assertThat(parser.parse(xml.toString().getBytes(StandardCharsets.UTF_8), null, FeedParser.Type.RSS, null))
                .hasSize(FeedParser.MAX_ITEMS);
    }
}
