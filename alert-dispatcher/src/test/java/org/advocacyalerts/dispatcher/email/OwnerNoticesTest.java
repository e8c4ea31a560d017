package org.advocacyalerts.dispatcher.email;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.advocacyalerts.dispatcher.StatementsProducer;
import org.advocacyalerts.local.KafkaTestResource;
import org.advocacyalerts.local.PostgresTestResource;
import org.advocacyalerts.local.WebhookReceiver;
import org.junit.jupiter.api.Test;

/**
 * An owner notice is sent with no database transaction open: an SMTP server that never answers must not
 * hold the subscription's row locked (nor a connection) for the length of the SMTP time limit.
 */
@QuarkusTest
@TestProfile(OwnerNoticesTest.HangingSmtp.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class OwnerNoticesTest {

    /** Accepts SMTP connections and never says a word: every send waits for the time limit (3 s in tests). */
    static final class SilentSmtpServer {
        static final SilentSmtpServer INSTANCE = new SilentSmtpServer();
        private final ServerSocket socket;
        private final List<Socket> accepted = new CopyOnWriteArrayList<>();

        private SilentSmtpServer() {
            try {
                socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            Thread acceptor = new Thread(
                    () -> {
                        while (!socket.isClosed()) {
                            try {
                                accepted.add(socket.accept());
                            } catch (IOException e) {
                                return;
                            }
                        }
                    },
                    "silent-smtp");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        int connections() {
            return accepted.size();
        }
    }

    public static class HangingSmtp implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.mailer.host", "127.0.0.1",
                    "quarkus.mailer.port", String.valueOf(SilentSmtpServer.INSTANCE.port()),
                    "quarkus.mailer.mock", "false",
                    "quarkus.mailer.tls", "false",
                    "quarkus.mailer.start-tls", "DISABLED");
        }
    }

    @Inject
    DataSource dataSource;

    @Test
    void aHungSmtpServerLeavesTheSubscriptionUnlockedAndTheNoticeIsTriedAgain() throws Exception {
        try (WebhookReceiver gone = new WebhookReceiver()) {
            gone.answerInTurn(WebhookReceiver.Answer.of(410));
            String id = given().contentType(ContentType.JSON)
                    .body(Map.of("channel", "webhook", "target", gone.url(), "topics", List.of("prisoners")))
                    .post("/api/subscriptions")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            // A verified contact (its verification email could not go through this silent server).
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement(
                            "UPDATE subscription SET contact = ?," + " contact_verified_at = now() WHERE id = ?")) {
                ps.setString(1, "webmaster-" + UUID.randomUUID() + "@partner.example.org");
                ps.setObject(2, UUID.fromString(id));
                ps.executeUpdate();
            }
            try {
                StatementsProducer.publish(StatementsProducer.statement("POWs", "Azerbaijan must release the POWs."));
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> given().get("/api/subscriptions/" + id).path("status"), "disabled"::equals);

                // The notice is being sent: the SMTP server took the connection and is silent.
                int before = SilentSmtpServer.INSTANCE.connections();
                await().atMost(Duration.ofSeconds(10)).until(() -> SilentSmtpServer.INSTANCE.connections() > before);
                assertThat(lockNowait(UUID.fromString(id)))
                        .as("the subscription row can be locked while its notice is being sent")
                        .isTrue();

                // Not sent: it is tried again at a later look (another connection), never marked told.
                int during = SilentSmtpServer.INSTANCE.connections();
                await().atMost(Duration.ofSeconds(15)).until(() -> SilentSmtpServer.INSTANCE.connections() > during);
                assertThat(ownerNotified(UUID.fromString(id))).isFalse();
            } finally {
                given().delete("/api/subscriptions/" + id);
            }
        }
    }

    /** Whether another transaction can lock the subscription's row at once. */
    private boolean lockNowait(UUID id) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT 1 FROM subscription WHERE id = ? FOR UPDATE NOWAIT")) {
                ps.setObject(1, id);
                ps.executeQuery().close();
                return true;
            } catch (SQLException e) {
                if ("55P03".equals(e.getSQLState())) { // lock_not_available
                    return false;
                }
                throw e;
            } finally {
                c.rollback();
            }
        }
    }

    private boolean ownerNotified(UUID id) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT owner_notified_at FROM subscription WHERE id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getTimestamp(1) != null;
            }
        }
    }
}
