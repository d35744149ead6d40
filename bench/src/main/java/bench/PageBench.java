package bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The page-render benchmark's driver (see pages.sh): {@code warmup} rounds over all the pages (the node's JIT compiles
 * what every page uses), then for each page {@code requests} requests one after the other, and the median and p95 of the server's time (its Server-Timing header, app;dur=) and
 * of the client's (loopback, whole response read). A page that does not answer 200 stops the run.
 *
 *   java bench.PageBench http://127.0.0.1:18091 200 100 /jobs "/jobs?q=job-01" ...
 *
 * The pages are asked with the node's admin API token (PENDULE_ADMIN_TOKEN in the environment, as pages.sh sets it),
 * as {@code Authorization: Bearer}: the pages take it as they take a dashboard session.
 */
public final class PageBench {

    private static final Pattern SERVER_TIME = Pattern.compile("app;dur=([0-9.]+)");

    private PageBench() {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int requests = Integer.parseInt(args[1]);
        int warmup = Integer.parseInt(args[2]);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        System.out.printf(Locale.ROOT, "%-70s %8s %8s %8s %8s %8s %9s%n", "page", "n", "srv p50", "srv p95", "cli p50",
                "cli p95", "bytes");
        for (int round = 0; round < warmup; round++) {
            for (int i = 3; i < args.length; i++) {
                send(http, request(base, args[i]), args[i]);
            }
        }
        for (int i = 3; i < args.length; i++) {
            measure(http, base, args[i], requests);
        }
    }

    private static HttpRequest request(String base, String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Accept-Language", "en")
                .header("Authorization", Node.authorization())
                .timeout(Duration.ofSeconds(30)).GET().build();
    }

    private static void measure(HttpClient http, String base, String path, int requests) throws Exception {
        HttpRequest request = request(base, path);
        List<Double> server = new ArrayList<>();
        List<Double> client = new ArrayList<>();
        int bytes = 0;
        for (int i = 0; i < requests; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = send(http, request, path);
            client.add((System.nanoTime() - start) / 1e6);
            serverTime(response).ifPresent(server::add);
            bytes = response.body().length();
        }
        System.out.printf(Locale.ROOT, "%-70s %8d %8s %8s %8.1f %8.1f %9d%n", path, requests,
                server.isEmpty() ? "-" : String.format(Locale.ROOT, "%.1f", percentile(server, 50)),
                server.isEmpty() ? "-" : String.format(Locale.ROOT, "%.1f", percentile(server, 95)),
                percentile(client, 50), percentile(client, 95), bytes);
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest request, String path) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": "
                    + response.body().substring(0, Math.min(500, response.body().length())));
        }
        return response;
    }

    private static Optional<Double> serverTime(HttpResponse<String> response) {
        Matcher time = SERVER_TIME.matcher(response.headers().firstValue("Server-Timing").orElse(""));
        return time.find() ? Optional.of(Double.parseDouble(time.group(1))) : Optional.empty();
    }

    /** Nearest-rank percentile. */
    private static double percentile(List<Double> values, int percent) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
