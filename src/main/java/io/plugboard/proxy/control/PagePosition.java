package io.plugboard.proxy.control;

/**
 * Where a page of a vendor's list starts: what a page token carries (sealed inside it, see
 * {@link PageTokens}) and what the hub's own reads pass from one page to the next. It names no
 * host: a vendor URL is kept as the part below the instance's {@code base.url}, so whatever a
 * position says, the call it makes goes to that instance's provider.
 */
sealed interface PagePosition {

    /**
     * An offset or a page number.
     *
     * @param size         the page size asked for (null: the vendor's own)
     * @param previousPage digest of the page that led here: a vendor that answers any page past the
     *                     end with its last page again is caught repeating itself
     */
    record Numbered(long value, Integer size, String previousPage) implements PagePosition {
    }

    /** A vendor cursor, sent back as the paging's {@code pageParameter}. */
    record Cursor(String cursor, Integer size) implements PagePosition {
    }

    /** A vendor URL, as its path and query below {@code base.url} ({@code /contacts?page=2}). */
    record Below(String pathAndQuery) implements PagePosition {

        String path() {
            int question = pathAndQuery.indexOf('?');
            return question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
        }

        String query() {
            int question = pathAndQuery.indexOf('?');
            return question < 0 ? "" : pathAndQuery.substring(question + 1);
        }
    }
}
