package org.advocacyalerts.ingest.article;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ArticleExtractorTest {

    private static final URI URL = URI.create("https://www.state.gov/releases/2021/05/azerbaijan?utm_source=x");

    private static final String FIRST =
            "The United States urges Azerbaijan to release all Armenian prisoners of war and detainees without delay.";
    private static final String SECOND = "We call on both sides to stop fortifying the undemarcated border and to"
            + " return to negotiations under the auspices of the OSCE Minsk Group Co-Chairs, which remain the"
            + " appropriate format for a comprehensive settlement.";

    private static String page(String extraHead) {
        return "<!doctype html><html><head>" + extraHead
                + "<title>Azerbaijan: Release of Detainees - State Department</title>"
                + "<meta property=\"og:title\" content=\"Release of Armenian Detainees\">"
                + "<meta property=\"article:published_time\" content=\"2021-05-27T15:04:00-04:00\">"
                + "<link rel=\"canonical\" href=\"/releases/2021/05/azerbaijan/\">"
                + "<script>var tracking = 'Armenia Armenia Armenia Armenia Armenia';</script></head><body>"
                + "<header><a href=/>Home</a> <a href=/news>News</a> <a href=/about>About the Department</a></header>"
                + "<nav><ul><li><a href=/a>Countries and areas</a></li><li><a href=/b>Bureaus and offices</a></li></ul></nav>"
                + "<div class=layout><aside class=related><h3>Related</h3><p><a href=/x>Another statement about"
                + " the region that is only a link</a></p></aside>"
                + "<article class=press-release><h1>Release of Armenian Detainees</h1>"
                + "<p>" + FIRST + "</p><p>" + SECOND + "</p>"
                + "<blockquote><p>Peace requires courage.</p></blockquote></article></div>"
                + "<footer><p>Copyright and privacy policy of the Department of State, all the small print"
                + " that repeats on every page of the site and is not the statement.</p></footer>"
                + "</body></html>";
    }

    private final ArticleExtractor extractor = new ArticleExtractor();

    @Test
    void findsTheStatementAmongNavigationAndBoilerplate() {
        ArticleExtractor.Article article =
                extractor.extract(page("").getBytes(StandardCharsets.UTF_8), "text/html", URL, null);
        assertThat(article.title()).isEqualTo("Release of Armenian Detainees");
        assertThat(article.text())
                .isEqualTo(
                        "Release of Armenian Detainees\n\n" + FIRST + "\n\n" + SECOND + "\n\nPeace requires courage.");
        assertThat(article.published()).isEqualTo(Instant.parse("2021-05-27T19:04:00Z"));
        assertThat(article.canonicalUrl()).isEqualTo("https://www.state.gov/releases/2021/05/azerbaijan/");
    }

    @Test
    void theSourcesSelectorWins() {
        ArticleExtractor.Article article = extractor.extract(
                page("").getBytes(StandardCharsets.UTF_8), "text/html", URL, "article p:not(blockquote p)");
        assertThat(article.text()).isEqualTo(FIRST + "\n\n" + SECOND);
    }

    @Test
    void charsetComesFromTheHeaderElseTheMetaTag() {
        String french = page("").replace(FIRST, FIRST + " Déclaration sur la frontière.");
        byte[] latin1 = french.getBytes(Charset.forName("windows-1252"));
        assertThat(extractor
                        .extract(latin1, "text/html; charset=windows-1252", URL, null)
                        .text())
                .contains("Déclaration sur la frontière");
        byte[] withMeta = page("<meta charset=\"windows-1252\">")
                .replace(FIRST, FIRST + " Déclaration sur la frontière.")
                .getBytes(Charset.forName("windows-1252"));
        assertThat(extractor.extract(withMeta, "text/html", URL, null).text()).contains("Déclaration sur la frontière");
    }

    @Test
    void aTwoSentenceStatementIsTakenAndMarkedShort() {
        String statement = "The United States welcomes the release of four Armenian detainees by Azerbaijan."
                + " We urge the release of all remaining detainees.";
        byte[] page = ("<html><body><nav>Home</nav><main><p>" + statement + "</p></main></body></html>")
                .getBytes(StandardCharsets.UTF_8);
        ArticleExtractor.Article article = extractor.extract(page, "text/html", URL, null);
        assertThat(article.text()).isEqualTo(statement);
        assertThat(article.isShort()).isTrue();
        assertThat(extractor
                        .extract(page("").getBytes(StandardCharsets.UTF_8), "text/html", URL, null)
                        .isShort())
                .isFalse();
    }

    @Test
    void aPageWithNoTextAtAllGivesNothing() {
        byte[] empty =
                "<html><body><nav>Home</nav><footer>Footer</footer></body></html>".getBytes(StandardCharsets.UTF_8);
        assertThat(extractor.extract(empty, "text/html", URL, null)).isNull();
    }

    @Test
    void invalidSelectorsAreRejectedUpFront() {
        assertThatThrownBy(() -> ArticleExtractor.checkSelector("article >> p["))
                .isInstanceOf(IllegalArgumentException.class);
        ArticleExtractor.checkSelector("main .field--body p");
    }
}
