package org.advocacyalerts.dispatcher.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpResponse;
import org.advocacyalerts.dispatcher.api.TestIdentityProvider;
import org.advocacyalerts.local.KafkaTestResource;
import org.advocacyalerts.local.PostgresTestResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Staff sign in to the console with the organisation's identity provider (the authorization-code flow,
 * as in production): an account with the admin role gets in, one without is told why, and signing out
 * ends the provider's session in the console too.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(TestIdentityProvider.class)
class ConsoleOidcTest {

    @TestHTTPResource("/")
    URI base;

    @AfterEach
    void nextSignInIsAnAdminAgain() {
        TestIdentityProvider.nextSignIn = "sub=alice&roles=admin";
    }

    /** Follows the redirects of the code flow from {@code path}, as a browser would; the last answer. */
    private static HttpResponse<String> follow(FormClient browser, String path) throws Exception {
        HttpResponse<String> answer = browser.get(path);
        for (int hops = 0; hops < 10 && answer.statusCode() / 100 == 3; hops++) {
            answer = browser.get(answer.headers().firstValue("Location").orElseThrow());
        }
        return answer;
    }

    @Test
    void anAdminOfTheIdentityProviderSignsInAndOut() throws Exception {
        FormClient browser = new FormClient(base);
        assertThat(browser.get("/admin/sign-in").body()).contains("Sign in with your organisation's account");

        HttpResponse<String> toProvider = browser.get("/admin/sso");
        assertThat(toProvider.statusCode()).isEqualTo(302);
        assertThat(toProvider.headers().firstValue("Location").orElseThrow())
                .contains("/realm/auth?")
                .contains("client_id=" + TestIdentityProvider.CONSOLE_CLIENT);

        HttpResponse<String> console = follow(browser, "/admin/sso");
        assertThat(console.statusCode()).isEqualTo(200);
        assertThat(console.body()).contains("Latest statements");
        assertThat(browser.get("/admin/topics").statusCode()).isEqualTo(200);

        assertThat(browser.post("/admin/sign-out", java.util.Map.of()).statusCode())
                .isEqualTo(303);
        assertThat(browser.get("/admin").statusCode()).as("signed out").isEqualTo(303);
    }

    @Test
    void anAccountWithoutTheAdminRoleIsToldWhyAndGetsNoPage() throws Exception {
        TestIdentityProvider.nextSignIn = "sub=bob&roles=integrator";
        FormClient browser = new FormClient(base);

        HttpResponse<String> refused = follow(browser, "/admin/sso");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("has no admin role");
        assertThat(browser.get("/admin").statusCode()).isEqualTo(403);
    }
}
