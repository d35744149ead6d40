package io.pendule.it;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Another web site, on this machine's loopback and another port: pages a signed-in reader's browser might visit, each
 * with a form that posts itself to Pendule at once, as a cross-site request forgery does.
 */
final class AttackerSite implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, String> pages = new ConcurrentHashMap<>();

    AttackerSite() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String page = pages.get(exchange.getRequestURI().getPath());
            byte[] body = (page == null ? "not here" : page).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(page == null ? 404 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /** The address of a page of this site under {@code host} (localhost or 127.0.0.1: two sites to a browser). */
    String url(String host, String path) {
        return "http://" + host + ":" + server.getAddress().getPort() + path;
    }

    /**
     * Serves at {@code path} a page whose form posts {@code fields} to {@code action} as soon as it loads, with
     * {@code enctype} (application/x-www-form-urlencoded or text/plain).
     */
    void autoSubmittingForm(String path, String action, String enctype, Map<String, String> fields) {
        StringBuilder inputs = new StringBuilder();
        fields.forEach((name, value) -> inputs.append("<input type=\"hidden\" name=\"").append(escape(name))
                .append("\" value=\"").append(escape(value)).append("\">"));
        pages.put(path, "<!DOCTYPE html><html><head><title>You won a prize</title></head><body>"
                + "<form method=\"post\" action=\"" + escape(action) + "\" enctype=\"" + enctype + "\">" + inputs
                + "</form><script>document.forms[0].submit()</script></body></html>");
    }

    private static String escape(String text) {
        return Pattern.compile("[&\"<>']").matcher(text).replaceAll(m -> switch (m.group()) {
            case "&" -> "&amp;";
            case "\"" -> "&quot;";
            case "<" -> "&lt;";
            case ">" -> "&gt;";
            default -> "&#39;";
        });
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
