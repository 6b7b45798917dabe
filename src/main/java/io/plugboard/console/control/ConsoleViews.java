package io.plugboard.console.control;

import io.plugboard.elements.entity.ElementDefinition;
import io.plugboard.instances.control.InstanceQueries;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

/**
 * The values the console pages render. Records only: the Faces layer never holds an entity, so a
 * page cannot lazily load or accidentally change persistent state, and what a page may show
 * (never a secret, never the instance token) is decided here. Serializable, though the console
 * keeps them only for one request.
 */
public final class ConsoleViews {

    private ConsoleViews() {
    }

    /** The outcome of an action, shown as a message. */
    public record Notice(Kind kind, String text) implements Serializable {
        public enum Kind {
            SUCCESS, INFO, WARNING, ERROR
        }

        public static Notice success(String text) {
            return new Notice(Kind.SUCCESS, text);
        }

        public static Notice info(String text) {
            return new Notice(Kind.INFO, text);
        }

        public static Notice warning(String text) {
            return new Notice(Kind.WARNING, text);
        }

        public static Notice error(String text) {
            return new Notice(Kind.ERROR, text);
        }

        public boolean ok() {
            return kind == Kind.SUCCESS || kind == Kind.INFO;
        }
    }

    /** Who is signed in, for the page header. */
    public record Who(long organizationId, String displayName, String emailAddress) implements Serializable {
    }

    /**
     * An element as a list shows it. {@code image} is only an absolute http(s) address; a relative
     * one from a definition file would resolve against the console and never load.
     */
    public record ElementRef(long id, String key, String name, String image) implements Serializable {
        public String initial() {
            String source = name == null || name.isBlank() ? key : name;
            return source == null || source.isBlank() ? "?" : source.substring(0, 1).toUpperCase(Locale.ROOT);
        }
    }

    /** One row of an instance table. */
    public record InstanceRow(InstanceQueries.Row instance, ElementRef element) implements Serializable {
    }

    /** A page of rows; {@code page} counts from 1. */
    public record PageOf<T>(List<T> items, long total, int page, int pageSize) implements Serializable {
        public int pages() {
            return (int) Math.max(1, (total + pageSize - 1) / pageSize);
        }

        public long from() {
            return total == 0 ? 0 : (long) (page - 1) * pageSize + 1;
        }

        public long to() {
            return Math.min(total, (long) page * pageSize);
        }

        public boolean hasPrevious() {
            return page > 1;
        }

        public boolean hasNext() {
            return page < pages();
        }
    }

    /** Instance counts of one element, by status. */
    public record ElementStatus(ElementRef element, long valid, long invalid, long disabled) implements Serializable {
        public long total() {
            return valid + invalid + disabled;
        }
    }

    /** Everything the dashboard shows. */
    public record Dashboard(long total, long valid, long invalid, long disabled, List<ElementStatus> byElement,
                            long attentionCount, List<InstanceRow> attention, long failureCount,
                            List<InstanceQueries.FailureEvent> failures) implements Serializable {
    }

    /** One entry of an instance's credential history. */
    public record Event(String type, String detail, OffsetDateTime createdDate) implements Serializable {
        public boolean failure() {
            return InstanceQueries.FAILURE_TYPES.contains(type);
        }
    }

    /**
     * An instance's detail page. {@code reconnectable}: the element signs in through OAuth, so
     * re-authenticating means sending the user through the provider again.
     * {@code refreshable}: OAuth 2.0, whose tokens the hub can renew on request.
     */
    public record InstanceDetail(InstanceQueries.Detail instance, ElementRef element, String authenticationType,
                                 boolean reconnectable, boolean refreshable, List<Event> events) implements Serializable {
    }

    /**
     * An element in the catalog list. {@code style} is its authentication style, the Elements
     * page's filter: the type, except that an OAuth 2.0 element minting with its client
     * credentials is {@code clientCredentials} (it has no dance to connect through).
     */
    public record ElementCard(ElementRef element, String hub, String description, String authenticationType,
                              String style, boolean privateToOrganization, boolean active, long instances) implements Serializable {
        /** Whether accounts connect through the provider's consent page (the hosted connect). */
        public boolean connectable() {
            return "oauth1".equals(style) || "oauth2".equals(style);
        }
    }

    /** An element's detail page. */
    public record ElementDetail(ElementCard card, List<String> aliases, List<Setting> configuration,
                                List<Operation> resources, SetupGuide guide) implements Serializable {
    }

    /**
     * How to set an element up, generated from its definition: where the provider registers
     * applications ({@code signupURL}, only an absolute http(s) address), the scopes the
     * application asks for, and what an operator fills in (the required entries no default or
     * the element itself fills). The callback URL is the page's: it depends on how the hub is
     * reached.
     */
    public record SetupGuide(String signupUrl, List<String> scopes, List<Setting> toFill) implements Serializable {
    }

    /** A configuration entry an instance of the element may set; a secret default arrives masked. */
    public record Setting(String key, String name, String description, String type, boolean required,
                          boolean hidden, String defaultValue) implements Serializable {
        static Setting of(ElementDefinition.ConfigurationDefinition c) {
            return new Setting(c.key(), c.name(), c.description(), c.type(), c.isRequired(),
                    Boolean.TRUE.equals(c.hidden()), c.defaultValue());
        }
    }

    /** A resource of the element: the hub's method and path, and the provider's. */
    public record Operation(String method, String path, String vendorMethod, String vendorPath,
                            String description) implements Serializable {
        static Operation of(ElementDefinition.ResourceDefinition r) {
            return new Operation(r.method(), r.path(), r.vendorMethod(), r.vendorPath(), r.description());
        }
    }

    /** The connect wizard's form for one element. */
    public record ConnectForm(String elementKey, String elementName, List<ConnectField> fields, boolean needsSiteAddress)
            implements Serializable {
    }

    /** One value the wizard asks for; a secret one is a password field. */
    public record ConnectField(String key, String label, boolean secret) implements Serializable {
    }

    /** One user on the Organization page; {@code you} marks the signed-in user. No secret, ever. */
    public record UserRow(long id, String displayName, String emailAddress, boolean administrator,
                          java.time.OffsetDateTime createdDate, boolean you) implements Serializable {
    }

    /** The Organization page: its users, and whether the signed-in user administers it. */
    public record OrganizationPage(long organizationId, boolean administrator, List<UserRow> users) implements Serializable {
    }

    /**
     * The outcome of a rotation: the notice and, when it worked, the new secret (shown once) and
     * what the secret is ({@code subject}). {@code session}: when the signed-in user's own
     * credentials changed, their session bound to the new ones, so it continues (else null).
     * Never serializable, never printed: it lives for one request.
     */
    public record Rotation(Notice notice, String subject, String secret, ConsoleSession session) {
        @Override
        public String toString() {
            return "Rotation[" + notice + "]";
        }
    }
}
