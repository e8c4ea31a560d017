package org.advocacyalerts.dispatcher;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;

/** Subscriptions made through the API, as an integrator would (the test admin key is added). */
public final class Subscriptions {

    private Subscriptions() {}

    /** A webhook subscription of {@code target} to the topics; its id. */
    public static String webhook(String target, String... topics) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("channel", "webhook", "target", target, "topics", List.of(topics)))
                .post("/api/subscriptions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    public static void delete(String id) {
        if (id != null) {
            given().delete("/api/subscriptions/" + id);
        }
    }
}
