package org.advocacyalerts.ingest.testing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.Objects;

/** A poll on demand as a client waits for it: {@code POST …/poll} (202), then the source once it is done. */
public final class Polls {

    private Polls() {}

    /** Polls the source now and answers with it after that poll (its {@code status.lastPollAt} moved). */
    public static ValidatableResponse now(String sourceId) {
        String path = "/api/sources/" + sourceId;
        String before = given().get(path).then().statusCode(200).extract().path("status.lastPollAt");
        given().post(path + "/poll").then().statusCode(202);
        await().atMost(Duration.ofSeconds(45))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> given().get(path).then().extract().path("status.lastPollAt"),
                        at -> at != null && !Objects.equals(at, before));
        return given().get(path).then().statusCode(200);
    }
}
