package io.plugboard.platform.boundary;

import jakarta.ws.rs.core.Response;

import java.util.List;

/** Lists in api-v2 carry their counts in {@code Elements-Returned-Count} / {@code Elements-Total-Count}. */
public final class ListResponses {

    public static final String RETURNED_COUNT = "Elements-Returned-Count";
    public static final String TOTAL_COUNT = "Elements-Total-Count";
    public static final String NEXT_PAGE_TOKEN = "Elements-Next-Page-Token";

    private ListResponses() {
    }

    /**
     * One page of a list: its count, the total when the list knows it (null: not counted), and
     * the token of the next page, absent on the last one.
     */
    public static Response page(List<?> items, Long total, String nextPage) {
        Response.ResponseBuilder response = Response.ok(items).header(RETURNED_COUNT, items.size());
        if (total != null) {
            response.header(TOTAL_COUNT, total);
        }
        if (nextPage != null) {
            response.header(NEXT_PAGE_TOKEN, nextPage);
        }
        return response.build();
    }

    /** A complete, unpaged list. */
    public static Response of(List<?> items) {
        return Response.ok(items)
                .header(RETURNED_COUNT, items.size())
                .header(TOTAL_COUNT, items.size())
                .build();
    }
}
