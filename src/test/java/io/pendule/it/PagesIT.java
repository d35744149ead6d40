package io.pendule.it;

import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.net.http.HttpResponse;

/**
 * A test of the dashboard over plain HTTP, against its subclass's deployment: one {@link PageClient} per test, made
 * on first use, as Arquillian gives the deployment's address only once the test's instance exists.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
abstract class PagesIT {

    @ArquillianResource
    URL base;

    private PageClient client;

    PageClient client() {
        if (client == null) {
            client = new PageClient(base);
        }
        return client;
    }

    /** The page at {@code path}, in English, which must answer 200. */
    String okPage(String path) throws Exception {
        HttpResponse<String> page = client().get(path, "en");
        org.junit.jupiter.api.Assertions.assertEquals(200, page.statusCode(), page.body());
        return page.body();
    }

    /** Posts the form to its own action (an address with the context path). */
    HttpResponse<String> post(EditorForm form) throws Exception {
        String context = java.net.URI.create(client().root()).getPath();
        return client().postForm(form.action.substring(context.length()), form.encoded());
    }

    /** The deployment's address, without a trailing slash. */
    String root() {
        return client().root();
    }

    Api api() {
        return client().api();
    }

    HttpResponse<String> get(String path, String language) throws Exception {
        return client().get(path, language);
    }

    HttpResponse<String> postForm(String path, String form) throws Exception {
        return client().postForm(path, form);
    }
}
