package io.pendule.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Tells how long the server took to answer a job page, in a {@code Server-Timing: app;dur=<ms>} header (browsers'
 * developer tools show it; bench/pages.sh reads it). A header must precede the body, so the page is kept in the
 * response buffer until it is whole (the template engine's flush at its end is held back): a page larger than
 * {@link #BUFFER} goes out without the header.
 */
@WebFilter({"/jobs", "/jobs/*"})
public class ServerTiming extends HttpFilter {

    static final int BUFFER = 512 * 1024;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!"GET".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        long start = System.nanoTime();
        response.setBufferSize(BUFFER);
        chain.doFilter(request, new HeldFlushes(response));
        if (!response.isCommitted()) {
            response.setHeader("Server-Timing", String.format(Locale.ROOT, "app;dur=%.1f", (System.nanoTime() - start) / 1e6));
        }
    }

    /** A response whose writer's flushes wait for the end of the request, when the container sends the page. */
    private static final class HeldFlushes extends HttpServletResponseWrapper {

        private PrintWriter writer;

        HeldFlushes(HttpServletResponse response) {
            super(response);
        }

        @Override
        public synchronized PrintWriter getWriter() throws IOException {
            if (writer == null) {
                writer = new PrintWriter(super.getWriter()) {
                    @Override
                    public void flush() {
                        // held: see the class
                    }
                };
            }
            return writer;
        }

        @Override
        public void flushBuffer() {
            // held: see the class
        }
    }
}
