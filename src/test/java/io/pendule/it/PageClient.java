package io.pendule.it;

import java.net.CookieManager;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard seen over plain HTTP, as a browser without scripts: cookies kept (the session holding the form
 * token, the language and theme choices), pages asked in a language, forms posted url-encoded. Before its first
 * request it signs in through the sign-in page as the deployments' admin, unless made {@link #signedOut}.
 */
final class PageClient {

    private static final Pattern TOKEN = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String root;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .connectTimeout(Duration.ofSeconds(5)).build();
    /** Who signs in before the first request; null: nobody. */
    private final String user;
    private final String password;
    private boolean signedIn;

    /** The dashboard at {@code base}, signed in as the deployments' admin. */
    PageClient(URL base) {
        this(base, Deployments.ADMIN, Deployments.ADMIN_PASSWORD);
    }

    private PageClient(URL base, String user, String password) {
        root = base.toString().replaceAll("/$", "");
        this.user = user;
        this.password = password;
    }

    /** The dashboard at {@code base}, signed in as {@code user}. */
    static PageClient signedInAs(URL base, String user, String password) {
        return new PageClient(base, user, password);
    }

    /** The dashboard at {@code base} as a visitor who has not signed in. */
    static PageClient signedOut(URL base) {
        return new PageClient(base, null, null);
    }

    String root() {
        return root;
    }

    Api api() {
        return new Api(root + "/v1");
    }

    HttpResponse<String> get(String path, String language) throws Exception {
        signInOnce();
        return http.send(HttpRequest.newBuilder(URI.create(root + path)).header("Accept-Language", language).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postForm(String path, String form) throws Exception {
        signInOnce();
        return post(path, form);
    }

    /** A multipart/form-data body ({@code contentType} names its boundary), as a browser posts a file. */
    HttpResponse<String> postMultipart(String path, String contentType, byte[] body) throws Exception {
        signInOnce();
        return http.send(HttpRequest.newBuilder(URI.create(root + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(root + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Signs in as a reader does: the sign-in page for its form token, the form posted, and the page it leads to
     * (303) followed.
     */
    private void signInOnce() throws Exception {
        if (signedIn || user == null) {
            return;
        }
        signedIn = true;
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(root + "/login")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, form.statusCode(), "the sign-in page: " + form.body());
        HttpResponse<String> signed = post("/login", "username=" + encoded(user) + "&password=" + encoded(password)
                + "&_csrf=" + encoded(token(form.body())) + "&next=" + encoded("/"));
        assertEquals(303, signed.statusCode(), "signing in as " + user + ": " + signed.body());
        String next = signed.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> landed = http.send(HttpRequest.newBuilder(URI.create(root).resolve(next)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, landed.statusCode(), "the page after signing in, " + next + ": " + landed.body());
    }

    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** The form token of a page (every form carries the same one for a session). */
    static String token(String page) {
        Matcher token = TOKEN.matcher(page);
        assertTrue(token.find(), "every form carries its token");
        return token.group(1);
    }
}
