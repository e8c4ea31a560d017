package org.advocacyalerts.dispatcher.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import org.advocacyalerts.local.KafkaTestResource;
import org.advocacyalerts.local.PostgresTestResource;
import org.junit.jupiter.api.Test;

/** Pages, feeds, the stylesheet and the API all answer with the headers that keep a browser safe. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class SecurityHeadersTest {

    @Test
    void everyAnswerForbidsScriptsFramingSniffingAndReferrers() {
        for (String path : List.of(
                "/email/unsubscribe/not-a-token", "/topics/prisoners/feed.atom", "/static/site.css", "/api/topics")) {
            Response response = given().redirects().follow(false).get(path);

            String policy = response.header("Content-Security-Policy");
            assertThat(policy).as(path).contains("default-src 'none'", "frame-ancestors 'none'", "form-action 'self'");
            assertThat(policy)
                    .as("%s: no inline script or style, nothing evaluated", path)
                    .doesNotContain("unsafe");
            assertThat(response.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
            assertThat(response.header("Referrer-Policy")).as(path).isEqualTo("no-referrer");
            assertThat(response.header("X-Frame-Options")).as(path).isEqualTo("DENY");
        }
    }

    @Test
    void pagesUseTheStylesheetNeverInlineStyleOrScript() {
        String page = given().get("/email/unsubscribe/not-a-token")
                .then()
                .statusCode(400)
                .extract()
                .asString();

        assertThat(page).contains("<link rel=\"stylesheet\" href=\"/static/site.css\">");
        assertThat(page).doesNotContain("style=", "<style", "<script");
        given().get("/static/site.css").then().statusCode(200).contentType(startsWith("text/css"));
    }
}
