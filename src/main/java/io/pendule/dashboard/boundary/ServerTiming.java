package io.pendule.dashboard.boundary;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import java.io.CharArrayWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Tells how long the server took to render a dashboard page, in a {@code Server-Timing: app;dur=<ms>} header (browsers'
 * developer tools show it; bench/pages.sh reads it). A header must precede the body, so the page's text is held until
 * it is whole, in a buffer the size of the page (a large container buffer would cost a megabyte a request).
 */
@WebFilter({"", "/jobs", "/jobs/*", "/new", "/dependencies", "/nodes", "/busy"})
public class ServerTiming extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!"GET".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        long start = System.nanoTime();
        HeldText held = new HeldText(response);
        chain.doFilter(request, held);
        if (!response.isCommitted()) {
            response.setHeader("Server-Timing", String.format(Locale.ROOT, "app;dur=%.1f", (System.nanoTime() - start) / 1e6));
        }
        held.release();
    }

    /** A response whose text is held until {@link #release}; a body written as bytes goes out as it comes. */
    private static final class HeldText extends HttpServletResponseWrapper {

        private final CharArrayWriter text = new CharArrayWriter(16 * 1024);
        private PrintWriter writer;

        HeldText(HttpServletResponse response) {
            super(response);
        }

        @Override
        public synchronized PrintWriter getWriter() {
            if (writer == null) {
                writer = new PrintWriter(text);
            }
            return writer;
        }

        @Override
        public void flushBuffer() {
            // held: see the class
        }

        void release() throws IOException {
            if (writer != null) {
                writer.flush();
                text.writeTo(getResponse().getWriter());
            }
        }
    }
}
