package io.pendule.api.boundary;

import io.pendule.platform.Json;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Dkron's ?pretty (any value): JSON answers indented. */
@Provider
public class PrettyJson implements WriterInterceptor {

    @Context
    UriInfo uri;

    @Override
    public void aroundWriteTo(WriterInterceptorContext context) throws IOException, WebApplicationException {
        boolean json = context.getMediaType() != null && context.getMediaType().isCompatible(MediaType.APPLICATION_JSON_TYPE);
        if (!json || !uri.getQueryParameters().containsKey("pretty")) {
            context.proceed();
            return;
        }
        OutputStream original = context.getOutputStream();
        ByteArrayOutputStream compact = new ByteArrayOutputStream();
        context.setOutputStream(compact);
        context.proceed();
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(original, Json.MAPPER.readTree(compact.toByteArray()));
    }
}
