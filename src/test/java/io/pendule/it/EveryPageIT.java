package io.pendule.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every page of the dashboard, found by following its links from the overview (in both languages): it answers 200
 * with its language in {@code <html lang>}, a navigation bar, no inline script, no style attribute, no text key left
 * untranslated; every form that changes something is a POST carrying the form token, and is refused (403) without
 * it, changing nothing.
 */
class EveryPageIT extends PagesIT {

    private static final int MOST_PAGES = 300;
    private static final Pattern LINK = Pattern.compile("href=\"([^\"#]*)\"");
    private static final Pattern FORM = Pattern.compile("(?s)<form\\b([^>]*)>(.*?)</form>");
    private static final Pattern ATTRIBUTE = Pattern.compile("\\b(method|action)=\"([^\"]*)\"");
    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"");
    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)");

    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        return Deployments.onEmbeddedDatabase("everypage");
    }

    @Test
    void everyPageIsWellFormedAndEveryFormNeedsItsToken() throws Exception {
        PageClient client = client();
        Api api = client.api();
        assertEquals(201, api.post("/jobs", "{\"name\":\"crawl-parent\",\"schedule\":\"@manually\",\"executor\":\"shell\","
                + "\"metadata\":{\"team\":\"ops\"},\"executor_config\":{\"command\":\"echo parent\"}}").status());
        assertEquals(201, api.post("/jobs", "{\"name\":\"crawl-child\",\"parent_job\":\"crawl-parent\",\"executor\":\"shell\","
                + "\"executor_config\":{\"command\":\"echo child\"}}").status());
        assertEquals(201, api.post("/jobs", "{\"name\":\"crawl-http\",\"schedule\":\"@manually\",\"executor\":\"http\","
                + "\"tags\":{\"role\":\"elsewhere\"},"
                + "\"executor_config\":{\"method\":\"GET\",\"url\":\"http://127.0.0.1:9/nothing\"}}").status());
        assertEquals(202, api.post("/jobs/crawl-parent/run", "").status());
        api.await("/jobs/crawl-parent/executions", Duration.ofSeconds(30), list -> list.size() == 1
                && list.get(0).get("status").asText().equals("succeeded"));
        api.await("/jobs/crawl-child/executions", Duration.ofSeconds(30), list -> list.size() == 1
                && list.get(0).get("status").asText().equals("succeeded"));
        String jobsBefore = api.get("/jobs").body();

        String context = URI.create(client.root()).getPath();
        Set<String> seen = new LinkedHashSet<>();
        List<String> forms = new ArrayList<>();
        for (String language : List.of("en", "fr")) {
            Deque<String> toVisit = new ArrayDeque<>(List.of(context + "/"));
            while (!toVisit.isEmpty() && seen.size() < MOST_PAGES) {
                String path = toVisit.poll();
                if (!seen.add(language + " " + path)) {
                    continue;
                }
                HttpResponse<String> page = client.get(path.substring(context.length()), language);
                assertEquals(200, page.statusCode(), path + " answers");
                String body = page.body();
                assertTrue(body.contains("<html lang=\"" + language + "\""), path + " says its language");
                assertTrue(body.contains("<nav class=\"nav\""), path + " has the navigation bar");
                assertFalse(INLINE_SCRIPT.matcher(body).find(), path + " has an inline script");
                assertFalse(body.contains(" style=\""), path + " has a style attribute");
                assertFalse(body.contains("??"), path + " has an untranslated text key");
                assertFalse(body.contains(";jsessionid="), path + " puts the session in its links");
                links(body, context).forEach(toVisit::add);
                forms.addAll(postForms(body, path));
            }
        }
        assertTrue(seen.size() >= 10, "the crawl reached the pages: " + seen);
        assertTrue(seen.stream().anyMatch(p -> p.contains("/executions/")), "an execution page: " + seen);
        assertFalse(forms.isEmpty(), "the pages have forms");

        for (String action : new LinkedHashSet<>(forms)) {
            HttpResponse<String> refused = client.postForm(action.substring(context.length()), "_csrf=forged");
            assertEquals(403, refused.statusCode(), action + " without its token");
        }
        assertEquals(jobsBefore, api.get("/jobs").body(), "no refused form changed a job");
        assertEquals(1, api.get("/jobs/crawl-parent/executions").json().size(), "no refused form ran a job");
    }

    /** The dashboard's own pages linked from a page (not the API, static files, downloads nor the switches). */
    private static List<String> links(String body, String context) {
        List<String> links = new ArrayList<>();
        Matcher link = LINK.matcher(body);
        while (link.find()) {
            String href = link.group(1).replace("&amp;", "&");
            if (href.startsWith(context + "/") && !href.startsWith(context + "/v1") && !href.startsWith(context + "/static/")
                    && !href.startsWith(context + "/webjars/") && !href.startsWith(context + "/openapi")
                    && !href.contains("lang=") && !href.contains("theme=")) {
                links.add(href);
            }
        }
        return links;
    }

    /** The actions of the page's forms that change something; each must be a POST carrying the token. */
    private static List<String> postForms(String body, String path) {
        List<String> actions = new ArrayList<>();
        Matcher form = FORM.matcher(body);
        while (form.find()) {
            String method = "get";
            String action = path;
            Matcher attribute = ATTRIBUTE.matcher(form.group(1));
            while (attribute.find()) {
                if (attribute.group(1).equals("method")) {
                    method = attribute.group(2).toLowerCase();
                } else {
                    action = attribute.group(2).replace("&amp;", "&");
                }
            }
            if (method.equals("post")) {
                Matcher hidden = HIDDEN.matcher(form.group(2));
                boolean token = false;
                while (hidden.find()) {
                    token |= hidden.group(1).equals("_csrf") && hidden.group(2).length() >= 32;
                }
                assertTrue(token, "a form of " + path + " posting to " + action + " carries the token");
                actions.add(action);
            }
        }
        return actions;
    }
}
