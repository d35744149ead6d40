package io.pendule.chaos;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A TCP proxy between one node and PostgreSQL, with the faults of a real network: pass, delay, reset, blackhole,
 * refuse, and the ambiguous commit (a COMMIT is forwarded and the connection cut before its answer is relayed).
 * The nodes connect with {@code prepareThreshold=0}, so every statement's text crosses the proxy and a claim
 * transaction can be recognised by its {@code SKIP LOCKED}.
 */
final class FaultProxy implements AutoCloseable {

    enum Mode { PASS, DELAY, BLACKHOLE, REFUSE }

    private final ServerSocket listener;
    private final int targetPort;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private volatile Mode mode = Mode.PASS;
    private volatile long delayMillis;
    private final AtomicBoolean cutArmed = new AtomicBoolean();
    private volatile boolean cutDone;

    FaultProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "proxy-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    void pass() {
        mode = Mode.PASS;
    }

    void delay(long millis) {
        delayMillis = millis;
        mode = Mode.DELAY;
    }

    /** Stops forwarding in both directions; the sockets stay open, as behind a dead route. */
    void blackhole() {
        mode = Mode.BLACKHOLE;
    }

    /** New connections are reset at once; open ones go on. */
    void refuse() {
        mode = Mode.REFUSE;
    }

    /** Resets (RST) every open connection now; new ones pass. */
    void resetAll() {
        links.forEach(Link::reset);
    }

    /** The next COMMIT of a transaction that ran a SKIP LOCKED claim is forwarded, then its connection is reset. */
    void cutAfterNextClaimCommit() {
        cutDone = false;
        cutArmed.set(true);
    }

    boolean cutDone() {
        return cutDone;
    }

    int openLinks() {
        return links.size();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (mode == Mode.REFUSE) {
                    client.setSoLinger(true, 0);
                    client.close();
                    continue;
                }
                Socket server = new Socket();
                try {
                    server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5_000);
                } catch (IOException down) {
                    // PostgreSQL is down: the node sees a refused connection, as without the proxy
                    client.setSoLinger(true, 0);
                    client.close();
                    continue;
                }
                Link link = new Link(client, server);
                links.add(link);
                link.start();
            } catch (IOException e) {
                if (listener.isClosed()) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        resetAll();
    }

    /** One proxied connection: a pump each way. */
    private final class Link {
        private final Socket client;
        private final Socket server;
        private boolean inClaim;
        private boolean claimWrote;

        Link(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void start() {
            Thread up = new Thread(() -> pump(client, server, true), "proxy-up");
            Thread down = new Thread(() -> pump(server, client, false), "proxy-down");
            up.setDaemon(true);
            down.setDaemon(true);
            up.start();
            down.start();
        }

        private void pump(Socket from, Socket to, boolean fromClient) {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream()) {
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    while (mode == Mode.BLACKHOLE && !from.isClosed()) {
                        Thread.sleep(50);
                    }
                    if (mode == Mode.DELAY) {
                        Thread.sleep(delayMillis);
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                    if (fromClient && cutArmed.get() && isClaimCommit(new String(buffer, 0, n, StandardCharsets.ISO_8859_1))) {
                        cutArmed.set(false);
                        Thread.sleep(300);
                        reset();
                        cutDone = true;
                        return;
                    }
                }
            } catch (IOException | InterruptedException closed) {
                // the other side or a fault closed the link
            } finally {
                reset();
            }
        }

        private synchronized boolean isClaimCommit(String bytes) {
            if (bytes.contains("SKIP LOCKED")) {
                inClaim = true;
            }
            if (inClaim && (bytes.contains("INSERT INTO execution") || bytes.contains("UPDATE execution"))) {
                claimWrote = true;
            }
            if (bytes.contains("ROLLBACK") || bytes.contains("COMMIT")) {
                boolean cut = inClaim && claimWrote && bytes.contains("COMMIT");
                inClaim = false;
                claimWrote = false;
                return cut;
            }
            return false;
        }

        void reset() {
            links.remove(this);
            for (Socket socket : new Socket[] {client, server}) {
                try {
                    socket.setSoLinger(true, 0);
                    socket.close();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }
    }
}
