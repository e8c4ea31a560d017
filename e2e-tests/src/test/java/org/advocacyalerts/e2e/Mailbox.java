package org.advocacyalerts.e2e;

import jakarta.mail.BodyPart;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One address's inbox on the local stack's GreenMail, read over IMAP as a mail client reads it. */
final class Mailbox {

    /** A received email: its subject and its text/plain part. */
    record Mail(String subject, String text) {
        /** The first link in the text that starts with {@code prefix}. */
        String link(String prefix) {
            Matcher link = Pattern.compile(Pattern.quote(prefix) + "\\S+").matcher(text);
            if (!link.find()) {
                throw new AssertionError("no link to " + prefix + " in:\n" + text);
            }
            return link.group();
        }
    }

    private final int imapPort;
    private final String address;

    Mailbox(int imapPort, String address) {
        this.imapPort = imapPort;
        this.address = address;
    }

    /** Every email received so far, oldest first (GreenMail: the address is user and password). */
    List<Mail> mails() throws MessagingException, IOException {
        Properties props = new Properties();
        props.put("mail.imap.host", "127.0.0.1");
        props.put("mail.imap.port", String.valueOf(imapPort));
        Store store = Session.getInstance(props).getStore("imap");
        store.connect(address, address);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                List<Mail> mails = new ArrayList<>();
                for (Message message : inbox.getMessages()) {
                    mails.add(new Mail(message.getSubject(), text(message.getContent())));
                }
                return mails;
            } finally {
                inbox.close(false);
            }
        } finally {
            store.close();
        }
    }

    private static String text(Object content) throws MessagingException, IOException {
        if (content instanceof Multipart multipart) {
            for (int k = 0; k < multipart.getCount(); k++) {
                BodyPart part = multipart.getBodyPart(k);
                if (part.isMimeType("text/plain")) {
                    return part.getContent().toString();
                }
            }
            return text(multipart.getBodyPart(0).getContent());
        }
        return content.toString();
    }
}
