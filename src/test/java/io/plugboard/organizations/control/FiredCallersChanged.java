package io.plugboard.organizations.control;

import io.plugboard.platform.security.CallersChanged;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Records the {@link CallersChanged} events a service fires, for unit tests. */
public final class FiredCallersChanged implements Event<CallersChanged> {
    public final List<CallersChanged> events = new ArrayList<>();

    @Override
    public void fire(CallersChanged event) {
        events.add(event);
    }

    @Override
    public <U extends CallersChanged> CompletionStage<U> fireAsync(U event) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <U extends CallersChanged> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Event<CallersChanged> select(Annotation... qualifiers) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <U extends CallersChanged> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <U extends CallersChanged> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
        throw new UnsupportedOperationException();
    }
}
