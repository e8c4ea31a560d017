package org.advocacyalerts.dispatcher.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.advocacyalerts.local.KafkaTestResource;
import org.advocacyalerts.local.PostgresTestResource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Tokens of the organisation's identity provider work beside API keys: roles from the {@code roles}
 * claim, an integrator's tenant from the {@code tenant} claim; tokens it did not sign, or expired ones,
 * are refused.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(TestIdentityProvider.class)
class OidcAccessTest {

    /** A token from the test provider's token endpoint. */
    private static String token(String query) {
        String issuer = ConfigProvider.getConfig().getValue("quarkus.oidc.auth-server-url", String.class);
        return given().header("Authorization", "none")
                .post(issuer + "/token?" + query)
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }

    private static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    @Test
    void anIdentityProvidersTokensCarryRolesAndTenants() {
        String admin = token("sub=alice&roles=admin");
        as(admin).get("/api/keys").then().statusCode(200);

        String tenantA = token("sub=svc-a&roles=integrator&tenant=partner-a");
        String tenantB = token("sub=svc-b&roles=integrator&tenant=partner-b");
        as(tenantA).get("/api/keys").then().statusCode(403);
        String id = as(tenantA)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "channel",
                        "webhook",
                        "target",
                        "https://partner-a.example.org/hooks",
                        "topics",
                        List.of("border")))
                .post("/api/subscriptions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(tenantA).get("/api/subscriptions/" + id).then().statusCode(200).body("tenant", equalTo("partner-a"));
        as(tenantB).get("/api/subscriptions/" + id).then().statusCode(404);
        as(admin).get("/api/subscriptions/" + id).then().statusCode(200);
        // an API key keeps working beside the provider's tokens (the test admin key)
        given().get("/api/subscriptions/" + id).then().statusCode(200);
        as(tenantA).delete("/api/subscriptions/" + id).then().statusCode(204);
    }

    @Test
    void tokensTheProviderDidNotSignOrThatExpiredAreRefused() {
        as(token("sub=mallory&roles=admin&signedBy=other"))
                .get("/api/keys")
                .then()
                .statusCode(401);
        as(token("sub=alice&roles=admin&expiresIn=-120"))
                .get("/api/keys")
                .then()
                .statusCode(401);
        as(token("sub=bob&roles=")).get("/api/keys").then().statusCode(403);
    }
}
