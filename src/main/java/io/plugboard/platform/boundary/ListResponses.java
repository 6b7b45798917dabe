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

    /** A complete, unpaged list. */
    public static Response of(List<?> items) {
        return Response.ok(items)
                .header(RETURNED_COUNT, items.size())
                .header(TOTAL_COUNT, items.size())
                .build();
    }
}
