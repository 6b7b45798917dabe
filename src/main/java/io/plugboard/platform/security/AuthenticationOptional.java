package io.plugboard.platform.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks endpoints callable without credentials (the OAuth helper calls of the seed guides, whose
 * documented header is "None"). Credentials, when sent, are still checked, and widen what the
 * endpoint sees to the caller's private elements.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface AuthenticationOptional {
}
