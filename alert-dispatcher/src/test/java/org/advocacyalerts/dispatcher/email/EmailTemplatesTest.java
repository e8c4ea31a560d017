package org.advocacyalerts.dispatcher.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

class EmailTemplatesTest {

    /** What a reader sees: the text of the HTML as a browser or mail client shows it. */
    private static String shown(String html) {
        return Jsoup.parse(html).body().text();
    }

    private static void assertSevenBitWithShortLines(String html) {
        assertThat(html.chars()).allMatch(c -> c == '\n' || c == '\t' || (c >= 0x20 && c < 0x7f));
        assertThat(html.split("\n")).allMatch(line -> line.length() <= 998);
    }

    @Test
    void everyCharacterBeyondAsciiReadsTheSameAfterward() {
        String html =
                "<p>Nagorno\u2011Karabakh\u2019s Armenians \u2014 \u00ab d\u00e9plac\u00e9s \u00bb, \u0531\u0580\u0581\u0561\u056d"
                        + " \ud83d\udd4a\ufe0f</p>";

        String sevenBit = EmailTemplates.sevenBit(html);

        assertSevenBitWithShortLines(sevenBit);
        assertThat(shown(sevenBit)).isEqualTo(shown(html));
    }

    @Test
    void longLinesAreBrokenAtSpacesAndReadTheSame() {
        String sentence = "The United States urges Azerbaijan to release all Armenian prisoners of war. ";
        String html = "<p class=\"evidence\">" + sentence.repeat(60) + "</p><p>" + "x".repeat(50) + "</p>";

        String sevenBit = EmailTemplates.sevenBit(html);

        assertSevenBitWithShortLines(sevenBit);
        assertThat(sevenBit.split("\n")).hasSizeGreaterThan(5);
        assertThat(shown(sevenBit)).isEqualTo(shown(html));
        assertThat(Jsoup.parse(sevenBit).select("p.evidence")).hasSize(1);
    }

    @Test
    void carriageReturnsAndControlCharactersBecomeSpaces() {
        String html = "<p>Prisoners\r\nBcc: x@example.net\u0000\u0007 released</p>";

        String sevenBit = EmailTemplates.sevenBit(html);

        assertSevenBitWithShortLines(sevenBit);
        assertThat(shown(sevenBit)).isEqualTo("Prisoners Bcc: x@example.net released");
    }

    @Test
    void aLineWithoutSpacesIsLeftWhole() {
        String url = "https://example.org/" + "a".repeat(1200);
        String html = "<a href=\"" + url + "\">full text</a>";

        String sevenBit = EmailTemplates.sevenBit(html);

        // (the mail client encodes that part quoted-printable, as it did every part before)
        assertThat(Jsoup.parse(sevenBit).select("a").attr("href")).isEqualTo(url);
    }

    @Test
    void anEscapedLinkReadsBackWholeInAnAttributeAndAsText() {
        String link = "https://alerts.example.org/email/unsubscribe/a?b=1&c=\"<x>'";
        String html = "<a href=\"" + EmailTemplates.escape(link) + "\" title='" + EmailTemplates.escape(link) + "'>"
                + EmailTemplates.escape(link) + "</a>";

        var anchor = Jsoup.parse(html).selectFirst("a");

        assertThat(anchor.attr("href")).isEqualTo(link);
        assertThat(anchor.attr("title")).isEqualTo(link);
        assertThat(anchor.text()).isEqualTo(link);
    }
}
