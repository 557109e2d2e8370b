package io.decisioning.service.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop HTTP load generator in a process of its own, so that the service's JVM holds only the
 * service: request {@code i} is due at {@code start + i / rate} and its latency counts from then, however
 * late it was sent (queueing behind a slow answer is not hidden). Plain HTTP/1.1 over keep-alive sockets,
 * one thread per connection, nothing asynchronous: the JDK HttpClient of the earlier in-process generator
 * held requests for seconds in some runs while the service was idle.
 *
 * <p>{@code LoadGenerator <port> <path> <basic-auth> <bodies-file> <rate> <seconds> <results-file>
 * [warm-up requests] [warm-up seconds] [distinct]}: the bodies (one JSON document a line) are posted in turn. First
 * the warm-up: that many requests with 4 in flight, then that many seconds at the rate. Then it prints
 * {@code ready} and starts the measured requests when a line arrives on standard input, prints
 * {@code answered} after the last answer and goes on (writes the results) at the next line, so that the
 * caller's measurements bracket the measured requests alone. The results file gets one line per request, in the order they were due: latency in microseconds and the
 * HTTP status (0 for an I/O error). With {@code distinct}, no body is posted twice: the warm-up takes the first
 * bodies and the measured requests the ones after them (events, whose ids must be new); without it every phase
 * starts again at the first body.
 */
public final class LoadGenerator {

    private static final int CONNECTIONS = 32;

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String path = args[1];
        String auth = args[2];
        List<byte[]> bodies = Files.readAllLines(Path.of(args[3]), StandardCharsets.UTF_8).stream()
                .map(line -> line.getBytes(StandardCharsets.UTF_8)).toList();
        int rate = Integer.parseInt(args[4]);
        int seconds = Integer.parseInt(args[5]);
        Path results = Path.of(args[6]);
        int warmUpRequests = args.length > 7 ? Integer.parseInt(args[7]) : 0;
        int warmUpSeconds = args.length > 8 ? Integer.parseInt(args[8]) : 0;
        boolean distinct = args.length > 9 && args[9].equals("distinct");
        int warmUpTotal = warmUpRequests + rate * warmUpSeconds;

        List<Connection> pool = new ArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++) {
            pool.add(new Connection(port, path, auth));
        }
        // the warm-up in this JVM too, so that its own code is compiled before the measured requests
        send(pool.subList(0, 4), bodies, 0, warmUpRequests, 0);
        send(pool, bodies, distinct ? warmUpRequests : 0, rate * warmUpSeconds, rate);
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("ready");
        System.out.flush();
        commands.readLine();

        long[][] measured = send(pool, bodies, distinct ? warmUpTotal : 0, rate * seconds, rate);
        System.out.println("answered");
        System.out.flush();
        commands.readLine();
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(results, StandardCharsets.UTF_8))) {
            for (int i = 0; i < measured[0].length; i++) {
                out.printf(Locale.ROOT, "%d %d%n", measured[0][i], measured[1][i]);
            }
        }
        pool.forEach(Connection::close);
        System.out.println("done");
    }

    /**
     * Posts {@code total} requests over these connections, from the body at {@code first} on, at {@code rate} a second (0: each connection
     * sends its next request as soon as the previous one is answered); the latencies in microseconds and
     * the statuses, by request.
     */
    private static long[][] send(List<Connection> pool, List<byte[]> bodies, int first, int total, int rate)
            throws InterruptedException {
        long[][] measured = new long[2][total];
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime() + 1_000_000;
        long interval = rate == 0 ? 0 : 1_000_000_000L / rate;
        List<Thread> workers = new ArrayList<>();
        for (Connection connection : pool) {
            Thread worker = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                    long due = rate == 0 ? System.nanoTime() : start + i * interval;
                    for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                    measured[1][i] = connection.post(bodies.get((first + i) % bodies.size()));
                    measured[0][i] = (System.nanoTime() - due) / 1000;
                }
            }, "load-" + workers.size());
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        return measured;
    }

    /** One keep-alive connection; reopened when the server closes it (Tomcat does every 100 requests). */
    private static final class Connection {

        private final int port;
        private final byte[] head;
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        Connection(int port, String path, String auth) throws IOException {
            this.port = port;
            this.head = ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: " + auth
                    + "\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: ")
                    .getBytes(StandardCharsets.US_ASCII);
            open();
        }

        private void open() throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(30_000);
            in = new BufferedInputStream(socket.getInputStream(), 16_384);
            out = new BufferedOutputStream(socket.getOutputStream(), 16_384);
        }

        /** Posts one body; the status, or 0 after an I/O error (the connection is then reopened). */
        int post(byte[] body) {
            try {
                if (socket == null) {
                    open();
                }
                out.write(head);
                out.write((body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                return readResponse();
            } catch (IOException e) {
                close();
                return 0;
            }
        }

        private int readResponse() throws IOException {
            String statusLine = line();
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            long length = -1;
            boolean chunked = false;
            boolean closeAfter = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring("content-length:".length()).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    closeAfter = true;
                }
            }
            if (chunked) {
                for (long size = Long.parseLong(line().trim(), 16); size > 0; size = Long.parseLong(line().trim(), 16)) {
                    skip(size);
                    line();
                }
                line();
            } else if (length > 0) {
                skip(length);
            }
            if (closeAfter) {
                close();
            }
            return status;
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new EOFException("connection closed");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        private void skip(long bytes) throws IOException {
            for (long left = bytes; left > 0; ) {
                long skipped = in.skip(left);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new EOFException("connection closed");
                    }
                    skipped = 1;
                }
                left -= skipped;
            }
        }

        void close() {
            try {
                if (socket != null) {
                    socket.close();
                }
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
    }
}
