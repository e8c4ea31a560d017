package org.advocacyalerts.local;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Quarkus test resource: a real mail server (GreenMail: SMTP, and IMAP for the sender's mailbox, any
 * login accepted) on free loopback ports, shared by every test class of the JVM; tests read what it
 * received through {@link #mail()}.
 */
public class SmtpTestResource implements QuarkusTestResourceLifecycleManager {

    private static GreenMail mail;

    public static synchronized GreenMail mail() {
        if (mail == null) {
            GreenMail started = new GreenMail(new ServerSetup[] {
                        new ServerSetup(FreePorts.next(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                        new ServerSetup(FreePorts.next(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP)
                    })
                    .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
            started.start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "greenmail-stop"));
            mail = started;
        }
        return mail;
    }

    /** The messages the server received for {@code address}, oldest first. */
    public static List<MimeMessage> messagesTo(String address) {
        return Arrays.stream(mail().getReceivedMessages())
                .filter(m -> {
                    try {
                        return Arrays.stream(m.getAllRecipients())
                                .anyMatch(r -> r.toString().equals(address));
                    } catch (MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    @Override
    public Map<String, String> start() {
        GreenMail server = mail();
        return Map.of(
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", String.valueOf(server.getSmtp().getPort()),
                "quarkus.mailer.mock", "false",
                "quarkus.mailer.tls", "false",
                "quarkus.mailer.start-tls", "DISABLED",
                "dispatcher.unsubscribe-mailbox.host", "127.0.0.1",
                "dispatcher.unsubscribe-mailbox.port",
                        String.valueOf(server.getImap().getPort()),
                "dispatcher.unsubscribe-mailbox.username", "alerts@advocacy-alerts.local",
                "dispatcher.unsubscribe-mailbox.password", "any");
    }

    @Override
    public void stop() {
        // Shared by every test class of this JVM: the shutdown hook stops it once, at the end.
    }
}
