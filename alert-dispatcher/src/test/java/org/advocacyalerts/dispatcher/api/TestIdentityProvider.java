package org.advocacyalerts.dispatcher.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small OpenID Connect provider on loopback for tests: discovery, its signing key (JWKS), and a
 * token endpoint that signs whatever claims the test asks for ({@code POST /token?sub=…&roles=a,b&tenant=…
 * &expiresIn=…&signedBy=other}). For the staff console's sign-in it also runs the authorization-code
 * flow: its authorization endpoint signs in {@link #nextSignIn} at once (no login page) and sends the
 * browser back with a code, which the token endpoint exchanges for an ID token and an access token. The
 * dispatcher under test is configured against it as production is against an organisation's provider.
 */
public class TestIdentityProvider implements QuarkusTestResourceLifecycleManager {

    /** The console's client at this provider. */
    public static final String CONSOLE_CLIENT = "alert-dispatcher-console";

    /** Who the authorization endpoint signs in next, as token claims ({@code sub=…&roles=…}). */
    public static volatile String nextSignIn = "sub=alice&roles=admin";

    /** Codes handed out and not yet exchanged: the claims of who signed in, and the request's nonce. */
    private final Map<String, Map<String, String>> codes = new ConcurrentHashMap<>();

    private HttpServer server;
    private final KeyPair key = rsa();
    private final KeyPair stranger = rsa(); // signs tokens the provider never published

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realm";
        server.createContext("/realm/.well-known/openid-configuration", x -> json(x, """
                {"issuer":"%1$s","jwks_uri":"%1$s/jwks","token_endpoint":"%1$s/token",
                 "authorization_endpoint":"%1$s/auth","response_types_supported":["code"],
                 "subject_types_supported":["public"],"id_token_signing_alg_values_supported":["RS256"]}""".formatted(issuer)));
        RSAPublicKey pub = (RSAPublicKey) key.getPublic();
        server.createContext(
                "/realm/jwks", x -> json(x, """
                {"keys":[{"kty":"RSA","kid":"test-key","alg":"RS256","use":"sig","n":"%s","e":"%s"}]}""".formatted(b64(pub.getModulus()), b64(pub.getPublicExponent()))));
        server.createContext("/realm/auth", x -> {
            Map<String, String> q = query(x.getRequestURI().getRawQuery());
            String code = UUID.randomUUID().toString();
            Map<String, String> signedIn = query(nextSignIn);
            if (q.containsKey("nonce")) {
                signedIn.put("nonce", q.get("nonce"));
            }
            codes.put(code, signedIn);
            String back = q.get("redirect_uri") + (q.get("redirect_uri").contains("?") ? "&" : "?") + "code=" + code
                    + "&state=" + URLEncoder.encode(q.getOrDefault("state", ""), StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Location", back);
            x.sendResponseHeaders(302, -1);
            x.close();
        });
        server.createContext("/realm/token", x -> {
            Map<String, String> form = query(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            if ("authorization_code".equals(form.get("grant_type"))) {
                Map<String, String> signedIn = codes.remove(form.getOrDefault("code", ""));
                if (signedIn == null) {
                    x.sendResponseHeaders(400, -1);
                    x.close();
                    return;
                }
                var id = Jwt.issuer(issuer)
                        .subject(signedIn.get("sub"))
                        .audience(CONSOLE_CLIENT)
                        .claim(
                                "roles",
                                Arrays.asList(signedIn.getOrDefault("roles", "").split(",")))
                        .issuedAt(Instant.now())
                        .expiresAt(Instant.now().plusSeconds(300));
                if (signedIn.containsKey("nonce")) {
                    id.claim("nonce", signedIn.get("nonce"));
                }
                String access = Jwt.issuer(issuer)
                        .subject(signedIn.get("sub"))
                        .claim(
                                "roles",
                                Arrays.asList(signedIn.getOrDefault("roles", "").split(",")))
                        .issuedAt(Instant.now())
                        .expiresAt(Instant.now().plusSeconds(300))
                        .jws()
                        .keyId("test-key")
                        .sign(key.getPrivate());
                json(
                        x,
                        "{\"access_token\":\"" + access + "\",\"id_token\":\""
                                + id.jws().keyId("test-key").sign(key.getPrivate())
                                + "\",\"token_type\":\"Bearer\",\"expires_in\":300}");
                return;
            }
            Map<String, String> q = query(x.getRequestURI().getRawQuery());
            long expiresIn = Long.parseLong(q.getOrDefault("expiresIn", "300"));
            var claims = Jwt.issuer(issuer)
                    .subject(q.get("sub"))
                    .claim("roles", Arrays.asList(q.getOrDefault("roles", "").split(",")))
                    .issuedAt(Instant.now().minusSeconds(600))
                    .expiresAt(Instant.now().plusSeconds(expiresIn));
            if (q.containsKey("tenant")) {
                claims.claim("tenant", q.get("tenant"));
            }
            boolean stranger = "other".equals(q.get("signedBy"));
            String token = claims.jws().keyId("test-key").sign((stranger ? this.stranger : key).getPrivate());
            json(x, "{\"access_token\":\"" + token + "\"}");
        });
        server.start();
        return Map.of(
                "alerts.access.oidc.enabled", "true",
                "quarkus.oidc.auth-server-url", issuer,
                "quarkus.oidc.client-id", "alert-dispatcher",
                "quarkus.oidc.roles.role-claim-path", "roles",
                // tokens the tests ask to expire are refused at once, not after the default minute of grace
                "quarkus.oidc.token.lifespan-grace", "0",
                // the staff console's sign-in through this provider
                "dispatcher.console.oidc", "true",
                "quarkus.oidc.console.client-id", CONSOLE_CLIENT,
                "quarkus.oidc.console.credentials.secret", "console-test-secret");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length); // unsigned, as JWK wants
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                q.put(kv[0], kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return q;
    }

    private static void json(HttpExchange x, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(200, bytes.length);
        try (var out = x.getResponseBody()) {
            out.write(bytes);
        }
    }
}
