package io.pendule.dashboard.boundary;

import io.pendule.platform.Settings;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Map;

/**
 * A page form over {@link #MAX_BYTES} gets the 413 page, and is not read: the container refuses a form over its own
 * limit by throwing from the first {@code getParameter}, wherever that is (a filter, a page, the error page itself),
 * which answered 500. Mapped first in web.xml, ahead of the filters that read the form. Forms are a few kB; the API
 * has its own limit and answers (api.boundary.BodyLimit). A multipart upload (the only one: a pack's archive, /packs)
 * over PENDULE_PACK_MAX_BYTES gets the 413 page the same way, before the container stores it.
 */
public class FormSizeLimit extends HttpFilter {

    static final long MAX_BYTES = 1 << 20;
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String MULTIPART = "multipart/form-data";

    @Inject
    Pages pages;
    @Inject
    Settings settings;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (uploadTooLarge(request.getServletPath(), request.getContentType(), request.getContentLengthLong())) {
            pages.error(withoutForm(request), response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                    "a pack's archive is at most " + settings.packMaxBytes() + " bytes (PENDULE_PACK_MAX_BYTES)");
            return;
        }
        if (tooLarge(request.getServletPath(), request.getContentType(), request.getContentLengthLong())) {
            pages.error(withoutForm(request), response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                    "a form is at most " + (MAX_BYTES >> 20) + " MiB");
            return;
        }
        chain.doFilter(request, response);
    }

    /** A multipart upload (a pack's archive) over PENDULE_PACK_MAX_BYTES and room for the form's other fields. */
    boolean uploadTooLarge(String servletPath, String contentType, long length) {
        return !servletPath.startsWith("/v1") && contentType != null
                && contentType.toLowerCase(Locale.ROOT).startsWith(MULTIPART) && length > settings.packMaxBytes() + (1 << 20);
    }

    static boolean tooLarge(String servletPath, String contentType, long length) {
        return !servletPath.startsWith("/v1") && contentType != null
                && contentType.toLowerCase(Locale.ROOT).startsWith(FORM) && length > MAX_BYTES;
    }

    /** The request as the error page sees it: its form is never parsed (the language comes from the cookie or header). */
    private static HttpServletRequest withoutForm(HttpServletRequest request) {
        return new HttpServletRequestWrapper(request) {
            @Override
            public String getParameter(String name) {
                return null;
            }

            @Override
            public String[] getParameterValues(String name) {
                return null;
            }

            @Override
            public Map<String, String[]> getParameterMap() {
                return Map.of();
            }

            @Override
            public Enumeration<String> getParameterNames() {
                return Collections.emptyEnumeration();
            }
        };
    }
}
