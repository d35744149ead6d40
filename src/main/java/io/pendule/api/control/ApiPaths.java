package io.pendule.api.control;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The paths programs call rather than people: the API ({@code /v1}) and Payara's MicroProfile endpoints
 * ({@code /metrics}, {@code /openapi}). They take tokens and passwords only, never a dashboard session; a caller
 * without credentials gets 401, not the sign-in page; their errors are JSON. Judged on the path as the container
 * routes it (path parameters such as ";x" taken out, "." and ".." resolved), never on the raw URI.
 */
public final class ApiPaths {

    private ApiPaths() {
    }

    public static boolean isApi(HttpServletRequest request) {
        return isApi(routed(request));
    }

    public static boolean isApi(String path) {
        for (String root : new String[]{"/v1", "/metrics", "/openapi"}) {
            if (path.equals(root) || path.startsWith(root + "/")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The request's path inside the application, as the container routed it; for the container's error dispatch, the
     * failed request's URI without its path parameters (the only form the container keeps of it).
     */
    public static String routed(HttpServletRequest request) {
        if (request.getDispatcherType() == DispatcherType.ERROR
                && request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String failed) {
            return failed.substring(Math.min(failed.length(), request.getContextPath().length())).replaceAll(";[^/]*", "");
        }
        String servletPath = request.getServletPath() == null ? "" : request.getServletPath();
        return request.getPathInfo() == null ? servletPath : servletPath + request.getPathInfo();
    }
}
