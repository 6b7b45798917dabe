package io.plugboard.platform.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The exception mapper family: every error body the JAX-RS runtime itself produces (unknown path,
 * wrong method, unsupported media type, unreadable JSON, invalid bean) or that escapes as a bug
 * leaves in the api-v2 shape, never as HTML or a stack trace. Expected outcomes do not come here:
 * resources return them through {@link ErrorResponses}.
 */
public final class ErrorMappers {

    private ErrorMappers() {
    }

    /** 404, 405, 406, 415 and every other status the runtime raises. */
    @Provider
    @ApplicationScoped
    public static class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
        @Inject
        ErrorResponses errors;

        @Override
        public Response toResponse(WebApplicationException exception) {
            Response original = exception.getResponse();
            int status = original.getStatus();
            String message = StatusMessages.forStatus(status);
            if (status == 400 && exception.getCause() != null) {
                message = "Malformed request body.";
            }
            Response response = errors.of(status, message, null);
            if (status == 405) {
                String allow = original.getHeaderString("Allow");
                if (allow != null) {
                    return Response.fromResponse(response).header("Allow", allow).build();
                }
            }
            return response;
        }
    }

    /** A JSON body that does not parse, or does not fit the expected shape. */
    @Provider
    @ApplicationScoped
    public static class JsonbExceptionMapper implements ExceptionMapper<JsonbException> {
        @Inject
        ErrorResponses errors;

        @Override
        public Response toResponse(JsonbException exception) {
            return errors.badRequest("Malformed JSON in the request body.");
        }
    }

    @Provider
    @ApplicationScoped
    public static class JsonParsingExceptionMapper implements ExceptionMapper<JsonParsingException> {
        @Inject
        ErrorResponses errors;

        @Override
        public Response toResponse(JsonParsingException exception) {
            return errors.badRequest("Malformed JSON in the request body.");
        }
    }

    /** Jersey wraps a failing message body reader in a ProcessingException. */
    @Provider
    @ApplicationScoped
    public static class ProcessingExceptionMapper implements ExceptionMapper<ProcessingException> {
        @Inject
        ErrorResponses errors;

        @Override
        public Response toResponse(ProcessingException exception) {
            return errors.badRequest("Malformed JSON in the request body.");
        }
    }

    /** Bean Validation on request bodies and parameters: every violation named in one message. */
    @Provider
    @ApplicationScoped
    public static class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {
        @Inject
        ErrorResponses errors;

        @Override
        public Response toResponse(ConstraintViolationException exception) {
            String message = exception.getConstraintViolations().stream()
                    .map(ConstraintViolationMapper::describe)
                    .sorted()
                    .collect(Collectors.joining("; "));
            return errors.badRequest(message.isEmpty() ? "Invalid request." : message);
        }

        private static String describe(ConstraintViolation<?> violation) {
            if (isOwnSentence(violation)) {
                return violation.getMessage();
            }
            String path = violation.getPropertyPath().toString();
            // Method-parameter paths read "create.arg0.name"; the caller only knows the last part.
            int dot = path.lastIndexOf('.');
            String field = dot >= 0 ? path.substring(dot + 1) : path;
            return field + " " + violation.getMessage();
        }

        /**
         * A constraint on a whole parameter (a missing request body) that carries its own sentence
         * instead of a message key: answered as written, since "arg0" means nothing to the caller.
         */
        static boolean isOwnSentence(ConstraintViolation<?> violation) {
            Path.Node last = null;
            for (Path.Node node : violation.getPropertyPath()) {
                last = node;
            }
            return last != null && last.getKind() == ElementKind.PARAMETER
                    && violation.getMessageTemplate() != null && !violation.getMessageTemplate().startsWith("{");
        }
    }

    /**
     * What a {@code @Transactional} service method's failed commit arrives as. Mapped here, ahead of
     * the runtime's own mapper for it (Jersey's rethrows it, which ends in an empty-bodied 500):
     * a lost race between two writes is a 409, anything else goes to the bug mapper below.
     */
    @Provider
    @ApplicationScoped
    @jakarta.annotation.Priority(1)
    public static class TransactionalExceptionMapper implements ExceptionMapper<jakarta.transaction.TransactionalException> {
        @Inject
        UnexpectedExceptionMapper unexpected;

        @Override
        public Response toResponse(jakarta.transaction.TransactionalException exception) {
            return unexpected.toResponse(exception);
        }
    }

    /**
     * A bug: logged with the request id so an operator can find it; the caller learns only the id.
     * One expected case comes this way too, because the container wraps it differently on each
     * server: two requests that changed the same row at once. The later commit fails its version
     * check and is rolled back whole, so it is a 409 the caller can retry, not a 500.
     */
    @Provider
    @ApplicationScoped
    public static class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
        private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

        @Inject
        ErrorResponses errors;
        @Inject
        RequestCorrelation correlation;

        @Override
        public Response toResponse(Throwable exception) {
            if (isConcurrentWrite(exception)) {
                LOG.fine(() -> "Concurrent write refused in request " + correlation.id());
                return errors.conflict("Another request changed the same data at the same time; this one changed"
                        + " nothing. Retry it.");
            }
            LOG.log(Level.SEVERE, "Unexpected failure in request " + correlation.id(), exception);
            return errors.of(500, StatusMessages.forStatus(500), null);
        }
    }

    /**
     * Whether a failure is an optimistic-lock conflict, however the server wrapped it (JTA
     * rollback, {@code TransactionalException}, EJB exception). EclipseLink's own exception is
     * matched by name: the WAR compiles against the Jakarta APIs only.
     */
    static boolean isConcurrentWrite(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof jakarta.persistence.OptimisticLockException
                    || t.getClass().getName().equals("org.eclipse.persistence.exceptions.OptimisticLockException")) {
                return true;
            }
        }
        return false;
    }
}
