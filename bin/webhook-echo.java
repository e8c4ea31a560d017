// A webhook receiver for trying Advocacy Alerts by hand, with only a JDK:
//
//   java bin/webhook-echo.java 9999 [whsec_... secret to verify signatures]
//
// Prints every request it receives and, given the subscription's secret, whether its Standard Webhooks
// signature is valid. Answers 204. It is a demo; integrators should use a Standard Webhooks library.

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

public class WebhookEcho {
    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9999;
        String secret = args.length > 1 ? args[1] : null;
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
            String signatures = exchange.getRequestHeaders().getFirst("webhook-signature");
            System.out.printf("%n%s %s%nwebhook-id: %s%nwebhook-timestamp: %s%nwebhook-signature: %s%n%s%n",
                    exchange.getRequestMethod(), exchange.getRequestURI(), id, timestamp, signatures,
                    new String(body, StandardCharsets.UTF_8));
            if (secret != null) {
                System.out.println("signature: " + (valid(secret, id, timestamp, signatures, body) ? "VALID" : "INVALID"));
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        System.out.println("Listening on http://127.0.0.1:" + port + "/ (Ctrl-C stops)");
    }

    static boolean valid(String secret, String id, String timestamp, String signatures, byte[] body) {
        if (id == null || timestamp == null || signatures == null) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
            for (String signature : signatures.split(" ")) {
                if (java.security.MessageDigest.isEqual(signature.getBytes(), expected.getBytes())) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }
}
