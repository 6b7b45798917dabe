package io.plugboard.console.boundary;

import jakarta.faces.FacesException;
import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;

import java.io.IOException;
import java.util.Iterator;

/**
 * A form whose view state cannot be restored raises {@link ViewExpiredException}. Console views
 * are stateless, so that only happens to a form rendered before they were (a page left open
 * across an upgrade), or to a hand-made post. That is not an error but a signed-out user, so they go to the
 * login page with a note, instead of an error page. Every other exception is left to the
 * container's error page, which answers the console with a friendly HTML page (no stack trace).
 * Registered in faces-config.xml.
 */
public class ConsoleExceptionHandlerFactory extends ExceptionHandlerFactory {

    public ConsoleExceptionHandlerFactory(ExceptionHandlerFactory wrapped) {
        super(wrapped);
    }

    @Override
    public ExceptionHandler getExceptionHandler() {
        return new ExpiredViewHandler(getWrapped().getExceptionHandler());
    }

    static class ExpiredViewHandler extends ExceptionHandlerWrapper {

        ExpiredViewHandler(ExceptionHandler wrapped) {
            super(wrapped);
        }

        @Override
        public void handle() {
            Iterator<ExceptionQueuedEvent> events = getUnhandledExceptionQueuedEvents().iterator();
            boolean redirected = false;
            while (events.hasNext()) {
                Throwable thrown = events.next().getContext().getException();
                if (isExpiredView(thrown)) {
                    events.remove();
                    if (redirected) {
                        continue; // one redirect per response
                    }
                    redirected = true;
                    FacesContext context = FacesContext.getCurrentInstance();
                    ExternalContext external = context.getExternalContext();
                    try {
                        external.redirect(external.getRequestContextPath() + ConsoleAccessFilter.LOGIN + "?expired=true");
                    } catch (IOException e) {
                        throw new FacesException(e);
                    }
                    context.responseComplete();
                }
            }
            getWrapped().handle();
        }

        private static boolean isExpiredView(Throwable thrown) {
            for (Throwable t = thrown; t != null; t = t.getCause()) {
                if (t instanceof ViewExpiredException) {
                    return true;
                }
            }
            return false;
        }
    }
}
