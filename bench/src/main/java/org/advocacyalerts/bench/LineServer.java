package org.advocacyalerts.bench;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A line-based TCP server on a free loopback port, one daemon thread per connection: what the lean local
 * sinks the benchmarks measure against (HTTP/1.1, SMTP) have in common.
 */
abstract class LineServer implements Closeable {

    private final ServerSocket server;
    private final String name;
    private final AtomicInteger connections = new AtomicInteger();

    LineServer(String name) throws IOException {
        this.name = name;
        this.server = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, name);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    final int port() {
        return server.getLocalPort();
    }

    /** Connections accepted so far. */
    final int connections() {
        return connections.get();
    }

    /** Serves one connection until it ends; the socket is closed afterwards. */
    abstract void serve(Socket socket) throws IOException;

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.incrementAndGet();
                socket.setTcpNoDelay(true);
                Thread connection = new Thread(
                        () -> {
                            try (socket) {
                                serve(socket);
                            } catch (IOException | RuntimeException e) {
                                // a client that went away mid-request: nothing to answer
                            }
                        },
                        name + "-connection");
                connection.setDaemon(true);
                connection.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** One line (ASCII) without its CRLF, or null at the end of the stream. */
    static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder(80);
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            line.append((char) c);
            if (line.length() > 64 * 1024) {
                throw new IOException("line too long");
            }
        }
        return line.length() == 0 ? null : line.toString();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
