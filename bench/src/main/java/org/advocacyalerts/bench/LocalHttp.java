package org.advocacyalerts.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;

/** The local HTTP servers the benchmarks measure against (feeds and pages, webhook receivers). */
final class LocalHttp {

    private LocalHttp() {}

    /**
     * A JDK HTTP server on a free loopback port with {@code threads} handler threads, not yet started.
     * Its threads never keep the benchmark alive once it has printed its result.
     */
    static HttpServer server(int threads) throws IOException {
        // Without TCP_NODELAY the JDK server's header and body packets meet delayed ACKs: 40 ms each.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.setExecutor(Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "local-http");
            thread.setDaemon(true);
            return thread;
        }));
        return server;
    }
}
