package org.advocacyalerts.dispatcher;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.advocacyalerts.local.KafkaTestResource;
import org.advocacyalerts.local.PostgresTestResource;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/topics/{id}/evaluate}: a topic against labelled statements, with why it erred: what
 * matched a statement it should not alert, and which words of the query a statement it missed holds
 * and lacks.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class EvaluateTest {

    private static Map<String, Object> statement(String id, String body, boolean relevant) {
        return Map.of("id", id, "title", "Statement " + id, "body", body, "relevant", relevant);
    }

    private static ValidatableResponse evaluate(String topic, Map<String, Object> body) {
        return given().contentType(ContentType.JSON)
                .body(body)
                .post("/api/topics/" + topic + "/evaluate")
                .then();
    }

    @Test
    void errorsComeWithTheClauseThatMatchedOrTheWordsThatWouldHave() {
        Map<String, Object> body = Map.of(
                "query", "POWs NEAR/10/s (Armenia* OR Baku) NOT Ukraine",
                "aliases", List.of(List.of("POWs", "prisoners of war", "detainees", "captives")),
                "statements",
                        List.of(
                                statement("hit", "Azerbaijan must release the Armenian prisoners of war.", true),
                                statement("wrong", "The detainees held in Baku are Venezuelan citizens.", false),
                                statement("missed", "The captives must go home. Azerbaijan has not said when.", true),
                                statement("quiet", "The farm bill passed the Senate.", false)));

        evaluate("prisoners", body)
                .statusCode(200)
                .body("statements", equalTo(4))
                .body("relevant", equalTo(2))
                .body("truePositives", equalTo(1))
                .body("precision", equalTo(0.5f))
                .body("recall", equalTo(0.5f))
                .body("falsePositives.id", contains("wrong"))
                .body("falsePositives[0].evidence.clause", hasItem("detainees (alias of POWs)"))
                .body(
                        "falsePositives[0].evidence.sentence",
                        hasItem("The detainees held in Baku are Venezuelan citizens."))
                .body("falseNegatives.id", contains("missed"))
                .body("falseNegatives[0].found.clause", contains("captives (alias of POWs)"))
                .body("falseNegatives[0].found[0].sentence", equalTo("The captives must go home."))
                .body("falseNegatives[0].missing", contains("Armenia*", "Baku"))
                .body("standIns", empty());
    }

    @Test
    void aWordThatStandsForAWholeAliasGroupIsNamedWithItsGroup() {
        Map<String, Object> body = Map.of(
                "query", "prisoners NEAR/s Armenian* NOT/s Karabakh",
                "aliases",
                        List.of(
                                List.of("POWs", "prisoners of war", "prisoners"),
                                List.of("Azerbaijani side", "Baku", "Karabakh", "Tovuz")),
                "statements",
                        List.of(statement(
                                "missed", "The Armenian prisoners of war held in Baku must be released.", true)));

        evaluate("prisoners", body)
                .statusCode(200)
                .body("recall", equalTo(0.0f))
                .body("falseNegatives[0].excluding.clause", contains("Baku (alias of Karabakh)"))
                .body("standIns.written", contains("prisoners", "Karabakh"))
                .body("standIns[1].group", contains("Azerbaijani side", "Baku", "Karabakh", "Tovuz"));
    }

    @Test
    void theSavedTopicIsUsedWhenTheBodyHasNoQuery() {
        Map<String, Object> french = new HashMap<>(statement(
                "fr", "La France demande la libération des prisonniers de guerre arméniens détenus à Bakou.", true));
        french.put("language", "fr");
        evaluate("prisoners", Map.of("statements", List.of(french)))
                .statusCode(200)
                .body("query", containsString("NEAR/30/s (Armenia* OR Azerbaijan*"))
                .body("truePositives", equalTo(1))
                .body("falseNegatives", empty());
        // the example of docs/topics.md
        evaluate(
                        "prisoners",
                        Map.of(
                                "statements",
                                List.of(
                                        statement(
                                                "a", "The captives must go home. Azerbaijan has not said when.", true),
                                        statement("b", "The detainees held in Baku are French citizens.", false))))
                .statusCode(200)
                .body("precision", equalTo(0.0f))
                .body("falsePositives[0].evidence.clause", hasItem("detainees (alias of POWs)"))
                .body("falseNegatives[0].found.clause", contains("captives (alias of POWs)", "Azerbaijan*"))
                .body("falseNegatives[0].missing", hasItems("Armenia*", "Karabakh", "Artsakh", "Baku"))
                .body("falseNegatives[0].missing", not(hasItem("Azerbaijan*")))
                .body("falseNegatives[0].excluding", empty());
        evaluate(
                        "prisoners",
                        Map.of(
                                "statements",
                                List.of(statement(
                                        "c",
                                        "Azerbaijan must free the Armenian POWs. Ukraine has freed its own.",
                                        true))))
                .statusCode(200)
                .body("falseNegatives[0].found.clause", hasItems("POWs", "Azerbaijan*"))
                .body("falseNegatives[0].excluding.clause", contains("Ukrain* (alias of other conflicts) + Ukraine"))
                .body("falseNegatives[0].excluding[0].sentence", equalTo("Ukraine has freed its own."));
        // the detainees only as one step of a list: left out by the topic's NOT/list, and shown so
        evaluate(
                        "prisoners",
                        Map.of(
                                "statements",
                                List.of(statement(
                                        "d",
                                        "Secretary Blinken spoke with President Aliyev. The Secretary discussed the next"
                                                + " steps, including border delimitation, transport links and the"
                                                + " release of the remaining Armenian detainees.",
                                        true))))
                .statusCode(200)
                .body("falseNegatives[0].found.clause", hasItem("detainees (alias of POWs)"))
                .body("falseNegatives[0].excluding.clause", hasItem("detainees (alias of POWs) (list item)"));
    }

    @Test
    void badLabelledSetsAreRefusedFieldByField() {
        evaluate("prisoners", Map.of("statements", List.of()))
                .statusCode(400)
                .body("errors.field", contains("statements"));
        Map<String, Object> unlabelled = new HashMap<>(statement("a", "text", true));
        unlabelled.remove("relevant");
        Map<String, Object> untitled = new HashMap<>(statement("b", "text", false));
        untitled.remove("title");
        evaluate("prisoners", Map.of("statements", List.of(unlabelled, untitled)))
                .statusCode(400)
                .body("errors.field", contains("statements[0].relevant", "statements[1].title"));
        evaluate("prisoners", Map.of("statements", Collections.nCopies(201, statement("x", "text", true))))
                .statusCode(400)
                .body("errors[0].message", containsString("at most 200"));
        evaluate("prisoners", Map.of("query", "\"unclosed", "statements", List.of(statement("a", "text", true))))
                .statusCode(400)
                .body("errors[0].field", equalTo("query"));
        evaluate("no-such-topic", Map.of("statements", List.of(statement("a", "text", true))))
                .statusCode(404);
        List<Object> nullGroup = new java.util.ArrayList<>();
        nullGroup.add(null);
        evaluate(
                        "prisoners",
                        Map.of(
                                "query",
                                "POWs",
                                "aliases",
                                nullGroup,
                                "statements",
                                List.of(statement("a", "text", true))))
                .statusCode(400)
                .body("errors[0].field", equalTo("aliases"));
        evaluate("prisoners", Map.of("statements", List.of(statement("a", "nothing relevant", false))))
                .statusCode(200)
                .body("precision", nullValue())
                .body("recall", nullValue());
    }
}
