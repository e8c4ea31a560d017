package org.advocacyalerts.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * An SMTP sink: speaks enough SMTP for any client (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT),
 * accepts every message and keeps only a count of those carrying {@code headerToCount}. GreenMail parses
 * and stores every message and took 340–540 messages/s on two cores shared with everything else, below
 * the 1,000 alert emails/s to be shown; a sink measures the sender. It advertises PIPELINING, as the
 * SMTP servers of mail providers do (MAIL, RCPT and DATA in one round trip), and like them (Postfix, for
 * one) it sends the replies to pipelined commands together, when it has read all the client sent. One
 * thread per connection.
 */
final class SmtpSink extends LineServer {

    private final String headerToCount;
    private final Consumer<String> values;
    private final AtomicLong counted = new AtomicLong();

    /** Starts on a free loopback port, counting messages with a header line starting {@code headerToCount}. */
    SmtpSink(String headerToCount) throws IOException {
        this(headerToCount, value -> {});
    }

    /** As above, and hands each counted header's value (after the colon, trimmed) to {@code values}. */
    SmtpSink(String headerToCount, Consumer<String> values) throws IOException {
        super("smtp-sink");
        this.headerToCount = headerToCount.toLowerCase(Locale.ROOT);
        this.values = values;
    }

    /** Messages received so far that carried the header. */
    long counted() {
        return counted.get();
    }

    @Override
    void serve(Socket socket) throws IOException {
        try (InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
                OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 4 * 1024)) {
            reply(out, "220 bench SMTP sink");
            String command;
            while ((command = next(in, out)) != null) {
                String verb = (command.length() < 4 ? command : command.substring(0, 4)).toUpperCase(Locale.ROOT);
                switch (verb) {
                    case "EHLO" -> reply(out, "250-bench\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SIZE 10485760");
                    case "HELO", "MAIL", "RCPT", "RSET", "NOOP" -> reply(out, "250 OK");
                    case "DATA" -> {
                        reply(out, "354 End data with <CR><LF>.<CR><LF>");
                        if (message(in, out)) {
                            counted.incrementAndGet();
                        }
                        reply(out, "250 OK: queued");
                    }
                    case "QUIT" -> {
                        reply(out, "221 Bye");
                        return;
                    }
                    default -> reply(out, "502 Command not implemented");
                }
            }
        }
    }

    /** The next line from the client, once the replies to what it sent before are on their way. */
    private String next(InputStream in, OutputStream out) throws IOException {
        if (in.available() == 0) {
            out.flush(); // nothing more pipelined: the client waits for these replies
        }
        return line(in);
    }

    /** Reads a message up to its lone "." line; whether its header has the counted line. */
    private boolean message(InputStream in, OutputStream out) throws IOException {
        boolean inHeader = true;
        boolean found = false;
        String line;
        while ((line = next(in, out)) != null) {
            if (line.equals(".")) {
                return found;
            }
            if (inHeader) {
                if (line.isEmpty()) {
                    inHeader = false;
                } else if (line.regionMatches(true, 0, headerToCount, 0, headerToCount.length())) {
                    found = true;
                    int colon = line.indexOf(':');
                    values.accept(colon < 0 ? "" : line.substring(colon + 1).strip());
                }
            }
        }
        throw new IOException("connection closed in a message");
    }

    private static void reply(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
    }
}
