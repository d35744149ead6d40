package io.pendule.dashboard.boundary;

import io.pendule.api.control.ApiPaths;
import io.pendule.api.entity.ErrorJson;
import io.pendule.platform.Json;
import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the container answers when a request fails outside the pages' own answers (web.xml's error-page): an exception
 * nothing caught, and the errors the container sends itself (404 of an unknown path, 405 of a method a servlet does not
 * take). Never Payara's own page, which shows the exception's class and message (SQL text) and Payara's name and
 * version: the styled error page for people, the API's JSON error for the API and Payara's endpoints ({@link ApiPaths}).
 * An exception is logged with a reference the answer gives, as api.boundary.ErrorMapper does for the API's own. Answers
 * only the container's error dispatches, and acts on nothing: a request to its path is a 404.
 */
@WebServlet(ErrorPages.PATH)
public class ErrorPages extends HttpServlet {

    static final String PATH = "/error";
    private static final Logger LOG = Logger.getLogger(ErrorPages.class.getName());
    /** The statuses error.html has texts for; another is shown as the nearest (4xx as 400, 5xx as 500). */
    private static final Set<Integer> WITH_TEXTS = Set.of(400, 401, 403, 404, 405, 409, 413, 500);

    @Inject
    Pages pages;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getDispatcherType() != DispatcherType.ERROR) {
            pages.error(request, response, HttpServletResponse.SC_NOT_FOUND, null);
            return;
        }
        Throwable thrown = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code && code >= 400 ? code : 500;
        String message = null;
        if (thrown != null || status >= 500) {
            String reference = Long.toHexString(System.nanoTime());
            LOG.log(Level.SEVERE, "Unexpected error on " + request.getMethod() + " "
                    + request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) + ", reference " + reference, thrown);
            message = "internal error, reference " + reference + " in the server log";
        }
        response.setStatus(status);
        if (ApiPaths.isApi(request)) {
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write(Json.write(new ErrorJson(message != null ? message : reason(status), List.of())));
            return;
        }
        try {
            int shown = WITH_TEXTS.contains(status) ? status : status < 500 ? 400 : 500;
            pages.render(request, response, "error", Map.of("status", shown, "message", message == null ? "" : message));
        } catch (RuntimeException | IOException failed) { // the page itself failed (the fault may be the pages'): text
            LOG.log(Level.SEVERE, "The error page failed too", failed);
            if (!response.isCommitted()) {
                response.resetBuffer();
                response.setContentType("text/plain");
                response.setCharacterEncoding("UTF-8");
                response.getWriter().write("Error " + status + (message == null ? "" : ": " + message) + "\n");
            }
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 404 -> "not found";
            case 405 -> "method not allowed";
            default -> "error " + status;
        };
    }
}
