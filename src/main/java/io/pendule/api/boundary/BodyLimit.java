package io.pendule.api.boundary;

import io.pendule.api.entity.PayloadTooLargeException;
import io.pendule.platform.Settings;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Request bodies over 1 MiB are refused with 413 before they are read whole (a job is a few kB); a restore file, read
 * as a stream, may have 16 MiB ({@link #MAX_RESTORE_BYTES}: some 10,000 jobs, and the jobs it holds stay in memory);
 * a pack's archive, PENDULE_PACK_MAX_BYTES.
 */
@Provider
public class BodyLimit implements ContainerRequestFilter {

    static final long MAX_BYTES = 1 << 20;
    static final long MAX_RESTORE_BYTES = 16L << 20;
    /** A pack upload is its archive (PENDULE_PACK_MAX_BYTES) and a few multipart headers. */
    static final long MULTIPART_ROOM = 1 << 20;
    /** A state import (POST /v1/import) holds every pack's archive in base64, read whole: 256 MiB at most. */
    static final long MAX_IMPORT_BYTES = 256L << 20;

    @Inject
    Settings settings;

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        long limit = path.startsWith("restore") ? MAX_RESTORE_BYTES
                : path.equals("import") || path.equals("import/") ? MAX_IMPORT_BYTES
                : path.equals("packs") || path.equals("packs/") ? settings.packMaxBytes() + MULTIPART_ROOM : MAX_BYTES;
        if (request.getLength() > limit) {
            throw tooLarge(limit);
        }
        if (request.hasEntity()) {
            request.setEntityStream(new Limited(request.getEntityStream(), limit));
        }
    }

    private static PayloadTooLargeException tooLarge(long limit) {
        return new PayloadTooLargeException("request body larger than " + (limit >> 20) + " MiB");
    }

    /** Counts what is read, for bodies sent without a length (chunked). */
    private static final class Limited extends FilterInputStream {
        private final long limit;
        private long read;

        Limited(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > limit) {
                throw tooLarge(limit);
            }
        }
    }
}
