package io.pendule.api.boundary;

import io.pendule.api.control.JsonProblem;
import io.pendule.api.entity.ConflictException;
import io.pendule.api.entity.ForbiddenException;
import io.pendule.api.entity.ErrorJson;
import io.pendule.api.entity.FieldError;
import io.pendule.api.entity.NotFoundException;
import io.pendule.api.entity.PayloadTooLargeException;
import io.pendule.api.entity.TooManyRequestsException;
import io.pendule.api.entity.UnavailableException;
import io.pendule.api.entity.UnsupportedMediaTypeException;
import io.pendule.api.entity.ValidationException;
import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ejb.EJBException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns exceptions into JSON answers: the client's mistakes into 4xx with a message naming the field, anything
 * else into 500 with a reference to the log (never the stack trace, never a secret). A client's mistake is logged in
 * one line at FINE (it is the client's news, not the operator's); a fault of Pendule's at SEVERE with its stack trace.
 */
@Provider
public class ErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ErrorMapper.class.getName());

    /** An error answer: its status and body, and when to ask again (Retry-After, seconds) if it says so. */
    record Answer(Response.StatusType status, ErrorJson body, Long retryAfter) {

        Answer(Response.StatusType status, ErrorJson body) {
            this(status, body, null);
        }
    }

    @Override
    public Response toResponse(Throwable thrown) {
        Answer answer = answerTo(thrown);
        Response.ResponseBuilder response = Response.status(answer.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(answer.body());
        return (answer.retryAfter() == null ? response : response.header("Retry-After", answer.retryAfter())).build();
    }

    /** The answer to {@code thrown}, logged: a client's mistake in one line at FINE, a fault of ours at SEVERE. */
    static Answer answerTo(Throwable thrown) {
        Answer answer = answer(unwrap(thrown));
        if (answer.status().getStatusCode() < 500 && LOG.isLoggable(Level.FINE)) {
            LOG.fine(answer.status().getStatusCode() + " " + answer.body().message());
        }
        return answer;
    }

    private static Answer answer(Throwable e) {
        if (e instanceof ValidationException v) {
            return answer(Response.Status.BAD_REQUEST, v.getMessage(), v.errors());
        }
        if (e instanceof NotFoundException n) {
            return answer(Response.Status.NOT_FOUND, n.getMessage(), n.errors());
        }
        if (e instanceof UnavailableException) {
            return answer(Response.Status.SERVICE_UNAVAILABLE, e.getMessage(), List.of());
        }
        if (e instanceof PayloadTooLargeException) {
            return answer(Response.Status.REQUEST_ENTITY_TOO_LARGE, e.getMessage(), List.of());
        }
        if (e instanceof TooManyRequestsException t) {
            return new Answer(Response.Status.TOO_MANY_REQUESTS, new ErrorJson(t.getMessage(), List.of()),
                    Math.max(1, t.retryAfter().toSeconds()));
        }
        if (e instanceof UnsupportedMediaTypeException u) {
            return answer(Response.Status.UNSUPPORTED_MEDIA_TYPE, u.getMessage(), u.errors());
        }
        if (e instanceof ConflictException) {
            return answer(Response.Status.CONFLICT, e.getMessage(), List.of());
        }
        if (e instanceof ForbiddenException) {
            return answer(Response.Status.FORBIDDEN, e.getMessage(), List.of());
        }
        if (e instanceof JsonProcessingException p) {
            FieldError problem = JsonProblem.of(p);
            String message = "Unable to parse payload: " + (problem.field().equals("body") ? "" : problem.field() + ": ")
                    + problem.message();
            return answer(Response.Status.BAD_REQUEST, message, List.of(problem));
        }
        if (e instanceof WebApplicationException w) {
            Response.StatusType status = w.getResponse().getStatusInfo();
            if (status.getStatusCode() >= 500) {
                LOG.log(Level.SEVERE, status.getStatusCode() + " " + status.getReasonPhrase(), e);
            }
            return answer(status, status.getReasonPhrase(), List.of());
        }
        String reference = Long.toHexString(System.nanoTime());
        LOG.log(Level.SEVERE, "Unexpected error, reference " + reference, e);
        return answer(Response.Status.INTERNAL_SERVER_ERROR, "internal error, reference " + reference + " in the server log", List.of());
    }

    private static Throwable unwrap(Throwable e) {
        Throwable current = e;
        while ((current instanceof EJBException || current instanceof java.io.UncheckedIOException || current instanceof jakarta.ws.rs.ProcessingException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static Answer answer(Response.StatusType status, String message, List<FieldError> errors) {
        return new Answer(status, new ErrorJson(message, errors));
    }
}
