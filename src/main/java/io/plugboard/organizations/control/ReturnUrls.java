package io.plugboard.organizations.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The URLs an organization allows the hosted connect flow to send its users back to.
 *
 * <p>Rules, chosen so that a registered URL is a safe redirect target: absolute {@code https}
 * (plain {@code http} only to the loopback host, for development), a host, no user info (it
 * could disguise the real host to a reader), no fragment, no whitespace, at most
 * {@value #MAX_LENGTH} characters, at most {@value #MAX_URLS} per organization, no duplicates.
 * The stored string is the string sent; a connect's {@code returnUrl} must equal one of them
 * exactly, with no normalization that could make two different URLs "match".
 */
@ApplicationScoped
public class ReturnUrls {

    public static final int MAX_URLS = 50;
    public static final int MAX_LENGTH = 2000;

    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    @Inject
    OrganizationRepository repository;

    /** What a replacement came to: stored, or every problem with the list. */
    public sealed interface ReplaceResult {
        record Replaced(List<String> urls) implements ReplaceResult {
        }

        record Invalid(List<String> problems) implements ReplaceResult {
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<String> list(long organizationId) {
        return repository.returnUrls(organizationId);
    }

    @Transactional
    public ReplaceResult replace(long organizationId, List<String> urls) {
        List<String> problems = problems(urls);
        if (!problems.isEmpty()) {
            return new ReplaceResult.Invalid(problems);
        }
        repository.replaceReturnUrls(organizationId, urls);
        return new ReplaceResult.Replaced(List.copyOf(urls));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean isRegistered(long organizationId, String url) {
        return url != null && !url.isEmpty() && url.length() <= MAX_LENGTH && repository.returnUrlRegistered(organizationId, url);
    }

    /** Every problem with a list of return URLs; empty when it may be stored. */
    public static List<String> problems(List<String> urls) {
        if (urls == null) {
            return List.of("The body must be a JSON array of absolute https URLs.");
        }
        List<String> problems = new ArrayList<>();
        if (urls.size() > MAX_URLS) {
            problems.add("At most " + MAX_URLS + " return URLs, not " + urls.size() + ".");
        }
        Set<String> seen = new HashSet<>();
        for (String url : urls) {
            problem(url).ifPresent(problems::add);
            if (url != null && !seen.add(url)) {
                problems.add(url + " is listed twice.");
            }
        }
        return problems;
    }

    /** Why one URL cannot be a return URL, or empty when it can. */
    public static Optional<String> problem(String url) {
        if (url == null || url.isBlank()) {
            return Optional.of("A return URL must not be empty.");
        }
        if (url.length() > MAX_LENGTH) {
            return Optional.of("A return URL must have at most " + MAX_LENGTH + " characters.");
        }
        if (url.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            return Optional.of(quoted(url) + " contains whitespace or control characters.");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of(quoted(url) + " is not a valid URL.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || uri.getHost().isEmpty() || !uri.isAbsolute() || uri.isOpaque()) {
            return Optional.of(quoted(url) + " is not an absolute URL with a host.");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of(quoted(url) + " must not contain user information.");
        }
        if (uri.getRawFragment() != null) {
            return Optional.of(quoted(url) + " must not contain a fragment.");
        }
        boolean loopback = LOOPBACK_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT));
        if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
            return Optional.of(quoted(url) + " must use https (http is allowed only for localhost).");
        }
        return Optional.empty();
    }

    private static String quoted(String url) {
        String shown = url.length() > 200 ? url.substring(0, 200) + "..." : url;
        return "\"" + shown + "\"";
    }
}
