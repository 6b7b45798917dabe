package io.plugboard.platform.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks endpoints callable without credentials (the OAuth helper calls of the seed guides, whose
 * documented header is "None"). Credentials, when sent, are still checked, and widen what the
 * endpoint sees to the caller's private elements.
 *
 * <p>With {@code ignoreAuthorization}, the {@code Authorization} header is not read at all: the
 * endpoint is called by someone else's software (a provider's webhook), whose own header (Basic,
 * Bearer, a signature scheme) means nothing to the hub and must not get the call refused. Such an
 * endpoint never has a caller.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface AuthenticationOptional {

    /** True: never authenticate, whatever the Authorization header holds. */
    boolean ignoreAuthorization() default false;
}
