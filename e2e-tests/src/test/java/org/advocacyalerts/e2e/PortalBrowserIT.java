package org.advocacyalerts.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The subscriber portal in a real browser (headless Chromium) against the packaged services of {@code
 * bin/local-stack}: a person subscribes, confirms from the email, gets an alert, changes what they get,
 * pauses, resumes and stops it, all by clicking; hostile text stays inert; a form from another site is refused; every page passes axe-core
 * without a serious violation. Screenshots of each page: target/screenshots.
 */
class PortalBrowserIT extends BrowserJourney {

    @Test
    void aPersonSubscribesConfirmsGetsAnAlertAndStopsItAllInTheBrowser() throws Exception {
        String address = "reader@example.org";
        Mailbox mailbox = new Mailbox(stack.imapPort, address);

        browser.open(stack.dispatcher() + "/");
        accessibleAndKept("portal-home");
        browser.find("#email").sendKeys(address);
        browser.find("input[name=topics][value=prisoners]").click();
        browser.clickAndWait("form button[type=submit]");
        assertThat(browser.text()).contains("Check your inbox", address);
        accessibleAndKept("portal-check-your-inbox");

        await().atMost(Duration.ofSeconds(20))
                .ignoreExceptions()
                .until(() -> mailbox.mails().size() == 1);
        browser.open(mailbox.mails().get(0).link(stack.dispatcher() + "/email/confirm/"));
        accessibleAndKept("email-confirm");
        browser.clickAndWait("form button[type=submit]");
        assertThat(browser.text()).contains("Subscription confirmed");
        accessibleAndKept("email-confirmed");

        stack.postStatement(
                "browser-test",
                "Prisoners of war",
                "Azerbaijan must release the Armenian prisoners of war held in Baku without delay.");
        await().atMost(Duration.ofSeconds(20))
                .ignoreExceptions()
                .until(() -> mailbox.mails().size() == 2);
        Mailbox.Mail alert = mailbox.mails().get(1);
        assertThat(alert.text()).contains("Prisoners of war", "held in Baku", "Manage or stop these alerts");

        // "Manage or stop these alerts": the page to change topics and frequency, pause, or stop
        browser.open(alert.link(stack.dispatcher() + "/email/unsubscribe/"));
        assertThat(browser.text()).contains("Your alerts", address);
        accessibleAndKept("email-manage");
        browser.find("input[name=topics][value=border]").click();
        browser.find("input[name=mode][value=weekly]").click();
        browser.clickAndWait("#save");
        assertThat(browser.text()).contains("Saved.");
        assertThat(browser.find("input[name=topics][value=border]").isSelected())
                .isTrue();
        assertThat(browser.find("input[name=mode][value=weekly]").isSelected()).isTrue();
        accessibleAndKept("email-manage-saved");
        browser.clickAndWait("#pause");
        assertThat(browser.text()).contains("Paused.");
        browser.clickAndWait("#resume");
        assertThat(browser.text()).contains("Resumed.");
        browser.clickAndWait("#unsubscribe");
        assertThat(browser.text()).contains("Unsubscribed");
        accessibleAndKept("email-unsubscribed");

        stack.postStatement(
                "browser-test", "More prisoners", "The Armenian prisoners of war held in Baku must go home.");
        await().during(Duration.ofSeconds(5))
                .atMost(Duration.ofSeconds(8))
                .ignoreExceptions()
                .until(() -> mailbox.mails().size() == 2);
    }

    @Test
    void scriptsInStatementsAndInWhatWasTypedNeverRun() throws Exception {
        stack.postStatement(
                "browser-test",
                "<script>alert('title')</script> POWs",
                "<img src=x onerror=\"alert('body')\"> The Armenian prisoners of war held in Baku must be freed.");
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            browser.open(stack.dispatcher() + "/");
            return browser.text().contains("<script>alert('title')</script> POWs");
        });
        assertThat(browser.dialogOpen()).as("the statement's script ran").isFalse();
        accessibleAndKept("portal-hostile-statement");

        browser.find("#email").sendKeys("someone@example.org");
        browser.find("#timeZone").clear();
        browser.find("#timeZone").sendKeys("<script>alert('typed')</script>");
        browser.clickAndWait("form button[type=submit]");

        assertThat(browser.text()).contains("Please correct", "Time zone:");
        assertThat(browser.find("#timeZone").getAttribute("value")).isEqualTo("<script>alert('typed')</script>");
        assertThat(browser.dialogOpen()).as("what was typed ran").isFalse();
        accessibleAndKept("portal-form-errors");
    }

    @Test
    void aFormPostedFromAnotherSiteIsRefused() throws Exception {
        String victim = "victim@example.org";
        browser.open(stack.dispatcher() + "/"); // the browser has the portal's cookie
        HttpServer attacker = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] page = ("<!DOCTYPE html><html lang=\"en\"><title>Win a prize</title><form method=\"post\" action=\""
                        + stack.dispatcher() + "/subscribe\"><input name=\"email\" value=\"" + victim + "\">"
                        + "<input name=\"topics\" value=\"prisoners\"><button>Win</button></form></html>")
                .getBytes(StandardCharsets.UTF_8);
        attacker.createContext("/", x -> {
            x.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            x.sendResponseHeaders(200, page.length);
            x.getResponseBody().write(page);
            x.close();
        });
        attacker.start();
        try {
            // localhost is another site than 127.0.0.1: the SameSite cookie stays home, and the token is missing
            browser.open("http://localhost:" + attacker.getAddress().getPort() + "/");
            browser.clickAndWait("button");

            assertThat(browser.text()).contains("Form not accepted");
            browser.screenshot("portal-cross-site-form-refused");
        } finally {
            attacker.stop(0);
        }
        Mailbox mailbox = new Mailbox(stack.imapPort, victim);
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(5))
                .ignoreExceptions()
                .until(() -> mailbox.mails().isEmpty());
    }
}
