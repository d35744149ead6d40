package io.pendule.it;

import java.net.CookieManager;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard seen over plain HTTP, as a browser without scripts: cookies kept (the session holding the form
 * token, the language and theme choices), pages asked in a language, forms posted url-encoded.
 */
final class PageClient {

    private static final Pattern TOKEN = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String root;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .connectTimeout(Duration.ofSeconds(5)).build();

    PageClient(URL base) {
        root = base.toString().replaceAll("/$", "");
    }

    String root() {
        return root;
    }

    Api api() {
        return new Api(root + "/v1");
    }

    HttpResponse<String> get(String path, String language) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(root + path)).header("Accept-Language", language).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postForm(String path, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(root + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The form token of a page (every form carries the same one for a session). */
    static String token(String page) {
        Matcher token = TOKEN.matcher(page);
        assertTrue(token.find(), "every form carries its token");
        return token.group(1);
    }
}
