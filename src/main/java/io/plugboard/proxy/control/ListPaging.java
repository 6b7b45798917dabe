package io.plugboard.proxy.control;

import io.plugboard.elements.entity.ElementDefinition.Paging;
import io.plugboard.platform.control.Outcome;
import io.plugboard.platform.control.Urls;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The element's paging data applied, without I/O: which vendor parameters ask for a page, and
 * where the page after it starts. The hub owns the vendor's paging parameters on a paged list,
 * but a caller (or a poller configuration) that sets one of them itself keeps it on the first
 * page: it asks the vendor directly, as before the hub paged. A {@code nextPage} position always
 * wins, since it continues what the first page began.
 */
final class ListPaging {

    private ListPaging() {
    }

    /**
     * How one page is asked for.
     *
     * @param at   where this page starts, for working out the next one (null: unknown, so no next)
     * @param size the page size in force (null: the vendor's own, unknown to the hub)
     */
    record Asked(String rawPath, String rawQuery, PagePosition at, Integer size) {
    }

    /** What follows a page. */
    sealed interface Following {
        /** The last page, or an empty one. */
        record End() implements Following {
        }

        /** The next page, at a position the hub knows how to ask for. */
        record At(PagePosition position) implements Following {
        }

        /** The vendor names the next page by URL: the hub follows it only once it is checked ({@link NextUrls}). */
        record VendorUrl(String url) implements Following {
        }
    }

    /** The caller's {@code pageSize}: absent, or a whole number of at least 1 capped at the vendor's maximum. */
    static Outcome<Optional<Integer>> pageSize(String text, Paging paging) {
        if (text == null || text.isBlank()) {
            return Outcome.success(Optional.empty());
        }
        int size;
        try {
            size = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return Outcome.invalid("pageSize must be a whole number of at least 1, not '" + shortened(text) + "'.");
        }
        if (size < 1) {
            return Outcome.invalid("pageSize must be a whole number of at least 1, not " + size + ".");
        }
        return Outcome.success(Optional.of(paging.maxPageSize() == null ? size : Math.min(size, paging.maxPageSize())));
    }

    /**
     * The page asked for: the mapped vendor call's query with the page size and position set.
     * A {@link PagePosition.Below} position replaces path and query with the vendor's own.
     */
    static Asked ask(Paging paging, String rawPath, String rawQuery, Optional<Integer> pageSize, Optional<PagePosition> position) {
        if (position.isPresent() && position.get() instanceof PagePosition.Below below) {
            return new Asked(below.path(), below.query(), below, null);
        }
        Map<String, String> sent = decodedNames(rawQuery);
        String query = rawQuery == null ? "" : rawQuery;
        Integer size;
        if (position.isPresent()) {
            size = position.get() instanceof PagePosition.Numbered numbered ? numbered.size()
                    : ((PagePosition.Cursor) position.get()).size();
        } else if (pageSize.isPresent()) {
            size = pageSize.get();
        } else if (paging.sizeParameter() != null && sent.containsKey(paging.sizeParameter())) {
            size = wholeNumber(sent.get(paging.sizeParameter())).map(Long::intValue).orElse(null);
        } else {
            size = paging.pageSizeByDefault().orElse(null);
        }
        if (paging.sizeParameter() != null && size != null
                && (position.isPresent() || pageSize.isPresent() || !sent.containsKey(paging.sizeParameter()))) {
            query = with(query, paging.sizeParameter(), String.valueOf(size));
        }
        PagePosition at = switch (paging.type()) {
            case Paging.OFFSET, Paging.PAGE -> {
                if (position.isPresent()) {
                    PagePosition.Numbered numbered = (PagePosition.Numbered) position.get();
                    query = with(query, paging.pageParameter(), String.valueOf(numbered.value()));
                    yield numbered;
                }
                // The first page is the vendor's default: nothing to send unless the caller chose one.
                Optional<Long> chosen = sent.containsKey(paging.pageParameter())
                        ? wholeNumber(sent.get(paging.pageParameter())) : Optional.of(paging.firstPosition());
                yield chosen.map(value -> (PagePosition) new PagePosition.Numbered(value, size, null)).orElse(null);
            }
            case Paging.CURSOR -> {
                if (position.isPresent()) {
                    PagePosition.Cursor cursor = (PagePosition.Cursor) position.get();
                    query = with(query, paging.pageParameter(), cursor.cursor());
                    yield cursor;
                }
                yield new PagePosition.Cursor(sent.get(paging.pageParameter()), size);
            }
            default -> new PagePosition.Below(rawPath + (query.isEmpty() ? "" : "?" + query));
        };
        return new Asked(rawPath, query, at, size);
    }

    /**
     * What follows a page of {@code count} entries: an empty page ends the list, so does a short
     * page of a numbered list (fewer entries than the size asked), a missing or repeated cursor, or
     * a missing next URL.
     */
    static Following next(Paging paging, Asked asked, JsonValue answer, int count, String digest, List<String> linkHeaders) {
        if (count == 0) {
            return new Following.End();
        }
        switch (paging.type()) {
            case Paging.OFFSET, Paging.PAGE -> {
                if (!(asked.at() instanceof PagePosition.Numbered at) || (asked.size() != null && count < asked.size())) {
                    return new Following.End();
                }
                long next = Paging.OFFSET.equals(paging.type()) ? at.value() + count : at.value() + 1;
                return new Following.At(new PagePosition.Numbered(next, asked.size(), digest));
            }
            case Paging.CURSOR -> {
                String cursor = text(ListShape.at(answer, paging.next()));
                String current = asked.at() instanceof PagePosition.Cursor c ? c.cursor() : null;
                if (cursor == null || cursor.equals(current)) {
                    return new Following.End();
                }
                return new Following.At(new PagePosition.Cursor(cursor, asked.size()));
            }
            case Paging.NEXT_URL -> {
                String url = text(ListShape.at(answer, paging.next()));
                return url == null ? new Following.End() : new Following.VendorUrl(url);
            }
            default -> {
                return LinkHeaders.next(linkHeaders).<Following>map(Following.VendorUrl::new).orElseGet(Following.End::new);
            }
        }
    }

    /** A cursor or URL in the answer: a non-blank string, or a number written out; anything else is none. */
    private static String text(JsonValue value) {
        if (value instanceof JsonString string && !string.getString().isBlank()) {
            return string.getString();
        }
        if (value instanceof JsonNumber number) {
            return number.toString();
        }
        return null;
    }

    private static Optional<Long> wholeNumber(String text) {
        try {
            return text == null ? Optional.empty() : Optional.of(Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The query's parameter names, decoded, with their first values. */
    static Map<String, String> decodedNames(String rawQuery) {
        Map<String, String> names = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return names;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            names.putIfAbsent(decode(eq >= 0 ? pair.substring(0, eq) : pair), eq >= 0 ? decode(pair.substring(eq + 1)) : "");
        }
        return names;
    }

    /** The raw query with every pair named {@code name} replaced by {@code name=value}, appended last. */
    static String with(String rawQuery, String name, String value) {
        List<String> pairs = new ArrayList<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                if (!pair.isEmpty() && !decode(eq >= 0 ? pair.substring(0, eq) : pair).equals(name)) {
                    pairs.add(pair);
                }
            }
        }
        pairs.add(Urls.formEncode(name) + "=" + Urls.formEncode(value));
        return String.join("&", pairs);
    }

    private static String decode(String encoded) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return encoded;
        }
    }

    private static String shortened(String text) {
        String stripped = text.strip();
        return stripped.length() > 40 ? stripped.substring(0, 40) + "…" : stripped;
    }
}
