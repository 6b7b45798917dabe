package io.plugboard.console.boundary;

import io.plugboard.console.control.ConsoleFacade;
import io.plugboard.console.control.ConsoleViews.InstanceRow;
import io.plugboard.console.control.ConsoleViews.PageOf;
import io.plugboard.instances.control.InstanceQueries;
import io.plugboard.instances.control.InstanceQueries.Sort;
import io.plugboard.instances.control.InstanceQueries.Status;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The instance table. Its whole state (filters, sort, page) lives in the URL's query parameters,
 * bound as view parameters, so every view of the table is a plain GET that can be bookmarked,
 * shared and reloaded; the filter form only turns its fields into such a URL. Unknown or
 * malformed values are ignored rather than reported: a hand-edited URL still shows a table.
 */
@Named("instances")
@RequestScoped
public class InstancesBean {

    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 100;

    @Inject
    ConsoleFacade facade;
    @Inject
    ConsoleIdentity identity;

    private String q;
    private String element;
    private String tag;
    private String status;
    private String sort;
    private String dir;
    private String page;
    private String size;

    private PageOf<InstanceRow> result;

    public PageOf<InstanceRow> getResult() {
        if (result == null) {
            result = facade.instances(identity.caller(), criteria(), pageNumber(), pageSize());
        }
        return result;
    }

    public boolean isFiltered() {
        return q != null || element != null || tag != null || status != null;
    }

    public List<Option> getElementOptions() {
        return facade.elementChoices(identity.caller()).stream()
                .map(e -> new Option(String.valueOf(e.id()), e.name())).toList();
    }

    public List<Option> getTagOptions() {
        return facade.tags(identity.caller()).stream().map(t -> new Option(t, t)).toList();
    }

    public List<Option> getStatusOptions() {
        return Arrays.stream(Status.values())
                .map(s -> new Option(s.name().toLowerCase(Locale.ROOT), ConsoleFormat.label(s.name()))).toList();
    }

    /** The filter form's submit: the same table, as a GET URL, from its first page. */
    public void search() {
        Pages.redirect(url(sortColumn().name(), ascending(), null));
    }


    /** The link of a column header: sorts by it, or flips the direction if it already sorts. */
    public String sortUrl(String column) {
        Sort target = parse(Sort.class, column).orElse(Sort.CREATED);
        boolean ascending = target == sortColumn() ? !ascending() : target != Sort.CREATED;
        return url(target.name(), ascending, null);
    }

    /** For {@code aria-sort} on a column header. */
    public String sortState(String column) {
        return parse(Sort.class, column).filter(c -> c == sortColumn())
                .map(c -> ascending() ? "ascending" : "descending").orElse("none");
    }

    public String pageUrl(int number) {
        return url(sortColumn().name(), ascending(), number);
    }

    private String url(String sortBy, boolean ascending, Integer pageNumber) {
        return Pages.url("instances.xhtml", Pages.parameters("q", q, "element", element, "tag", tag, "status", status,
                "sort", sortBy.toLowerCase(Locale.ROOT), "dir", ascending ? "asc" : "desc",
                "page", pageNumber == null || pageNumber <= 1 ? null : pageNumber,
                "size", pageSize() == DEFAULT_PAGE_SIZE ? null : pageSize()));
    }

    private InstanceQueries.Criteria criteria() {
        Long elementId = null;
        try {
            elementId = element == null ? null : Long.valueOf(element);
        } catch (NumberFormatException ignored) {
            // a hand-edited URL: no element filter
        }
        return new InstanceQueries.Criteria(elementId, tag, parse(Status.class, status).orElse(null), q, sortColumn(), ascending());
    }

    private Sort sortColumn() {
        return parse(Sort.class, sort).orElse(Sort.CREATED);
    }

    /** Newest first by default; names and elements read best A to Z. */
    private boolean ascending() {
        return dir == null ? sortColumn() != Sort.CREATED : "asc".equalsIgnoreCase(dir);
    }

    /** Rows per page: 20 unless the URL asks for 1 to 100. */
    private int pageSize() {
        try {
            return size == null ? DEFAULT_PAGE_SIZE : Math.min(MAX_PAGE_SIZE, Math.max(1, Integer.parseInt(size)));
        } catch (NumberFormatException e) {
            return DEFAULT_PAGE_SIZE;
        }
    }

    private int pageNumber() {
        try {
            return page == null ? 1 : Math.max(1, Integer.parseInt(page));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static <E extends Enum<E>> Optional<E> parse(Class<E> type, String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public String getQ() {
        return q;
    }

    public void setQ(String q) {
        this.q = Pages.trimToNull(q);
    }

    public String getElement() {
        return element;
    }

    public void setElement(String element) {
        this.element = Pages.trimToNull(element);
    }

    public String getTag() {
        return tag;
    }

    public void setTag(String tag) {
        this.tag = Pages.trimToNull(tag);
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = Pages.trimToNull(status);
    }

    public String getSort() {
        return sort;
    }

    public void setSort(String sort) {
        this.sort = Pages.trimToNull(sort);
    }

    public String getDir() {
        return dir;
    }

    public void setDir(String dir) {
        this.dir = Pages.trimToNull(dir);
    }

    public String getPage() {
        return page;
    }

    public void setPage(String page) {
        this.page = Pages.trimToNull(page);
    }

    public String getSize() {
        return size;
    }

    public void setSize(String size) {
        this.size = Pages.trimToNull(size);
    }
}
