package io.pendule.api.boundary;

import io.pendule.api.entity.UnsupportedMediaTypeException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;

/**
 * A body whose Content-Type names a charset this server does not know ({@code application/json; charset=bogus}) is
 * refused with 415 before it is read: the container's readers would fail on it with an exception of their own (500).
 */
@Provider
public class RequestCharset implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        MediaType type = request.getMediaType();
        String charset = type == null ? null : type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (request.hasEntity() && charset != null && !known(charset)) {
            throw new UnsupportedMediaTypeException(HttpHeaders.CONTENT_TYPE,
                    "unknown charset \"" + charset + "\": send the body in UTF-8");
        }
    }

    static boolean known(String charset) {
        try {
            return Charset.isSupported(charset);
        } catch (IllegalCharsetNameException e) {
            return false;
        }
    }
}
