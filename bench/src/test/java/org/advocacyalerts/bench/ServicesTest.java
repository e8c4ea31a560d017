package org.advocacyalerts.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ServicesTest {

    /**
     * A service that is starting may accept a connection and never answer it (the fault suite once waited
     * on such a readiness check until CI's time ran out): the next check must still come.
     */
    @Test
    void aReadinessCheckThatIsNeverAnsweredIsRetried() throws Exception {
        List<Socket> held = new ArrayList<>();
        AtomicInteger connections = new AtomicInteger();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread serving = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket socket = server.accept();
                        if (connections.incrementAndGet() == 1) {
                            held.add(socket); // accepted, never answered
                        } else {
                            answerReady(socket);
                        }
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            serving.setDaemon(true);
            serving.start();
            Process alive = new ProcessBuilder("sleep", "60").start();
            try {
                String api = "http://127.0.0.1:" + server.getLocalPort();
                assertTimeoutPreemptively(
                        Duration.ofSeconds(30),
                        () -> Services.awaitReady("service", api, alive, Path.of("service.log")));
            } finally {
                alive.destroy();
                for (Socket s : held) {
                    s.close();
                }
            }
        }
        assertThat(connections)
                .as("the unanswered check, then one that was answered")
                .hasValueGreaterThan(1);
    }

    private static void answerReady(Socket socket) throws IOException {
        try (socket) {
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                head.append((char) b);
            }
            OutputStream out = socket.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }
}
