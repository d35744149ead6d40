package io.pendule.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real SMTP server on 127.0.0.1, just enough of RFC 5321 for a client to deliver mail (no TLS), and of RFC 4954's
 * AUTH PLAIN for a client to sign in: it keeps every message it is given, with its envelope recipients, and the
 * "user:password" of each sign-in.
 */
final class SmtpSink implements AutoCloseable {

    record Mail(String from, List<String> to, String data) {

        String header(String name) {
            return data.lines().takeWhile(line -> !line.isEmpty())
                    .filter(line -> line.regionMatches(true, 0, name + ":", 0, name.length() + 1))
                    .map(line -> line.substring(name.length() + 1).trim()).findFirst().orElse(null);
        }
    }

    private final ServerSocket server;
    final List<Mail> mails = new CopyOnWriteArrayList<>();
    final List<String> signIns = new CopyOnWriteArrayList<>();

    SmtpSink() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "smtp-sink");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread session = new Thread(() -> converse(client), "smtp-sink-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void converse(Socket client) {
        try (client; BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
             OutputStream out = client.getOutputStream()) {
            reply(out, "220 sink ESMTP");
            String from = null;
            List<String> to = new CopyOnWriteArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (verb) {
                    case "EHLO" -> {
                        reply(out, "250-sink");
                        reply(out, "250 AUTH PLAIN");
                    }
                    case "HELO" -> reply(out, "250 sink");
                    case "AUTH" -> {
                        String[] words = line.split(" ");
                        if (words.length < 3) {
                            reply(out, "334 ");
                        }
                        signIns.add(plainCredentials(words.length >= 3 ? words[2] : in.readLine()));
                        reply(out, "235 2.7.0 accepted");
                    }
                    case "MAIL" -> {
                        from = address(line);
                        to.clear();
                        reply(out, "250 ok");
                    }
                    case "RCPT" -> {
                        to.add(address(line));
                        reply(out, "250 ok");
                    }
                    case "DATA" -> {
                        reply(out, "354 end with <CRLF>.<CRLF>");
                        StringBuilder data = new StringBuilder();
                        String dataLine;
                        while ((dataLine = in.readLine()) != null && !dataLine.equals(".")) {
                            data.append(dataLine.startsWith("..") ? dataLine.substring(1) : dataLine).append('\n');
                        }
                        mails.add(new Mail(from, List.copyOf(to), data.toString()));
                        reply(out, "250 queued");
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "250 ok");
                }
            }
        } catch (IOException e) {
            // the client went away: nothing to keep
        }
    }

    /** AUTH PLAIN's base64 of "authzid NUL user NUL password", as "user:password". */
    private static String plainCredentials(String base64) {
        String[] parts = new String(java.util.Base64.getDecoder().decode(base64.trim()), StandardCharsets.UTF_8).split("\0", -1);
        return parts[parts.length - 2] + ":" + parts[parts.length - 1];
    }

    private static String address(String line) {
        int open = line.indexOf('<');
        int close = line.indexOf('>', open + 1);
        return open >= 0 && close > open ? line.substring(open + 1, close) : line.substring(line.indexOf(':') + 1).trim();
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
