package io.plugboard.console.control;

import io.plugboard.console.control.ConsoleViews.Dashboard;
import io.plugboard.console.control.ConsoleViews.ElementCard;
import io.plugboard.console.control.ConsoleViews.ElementDetail;
import io.plugboard.console.control.ConsoleViews.ElementRef;
import io.plugboard.console.control.ConsoleViews.ElementStatus;
import io.plugboard.console.control.ConsoleViews.Event;
import io.plugboard.console.control.ConsoleViews.InstanceDetail;
import io.plugboard.console.control.ConsoleViews.InstanceRow;
import io.plugboard.console.control.ConsoleViews.Notice;
import io.plugboard.console.control.ConsoleViews.PageOf;
import io.plugboard.console.control.ConsoleViews.Who;
import io.plugboard.elements.control.ElementService;
import io.plugboard.elements.entity.AuthenticationType;
import io.plugboard.elements.entity.ElementDefinition;
import io.plugboard.instances.control.CredentialRefresher;
import io.plugboard.instances.control.CredentialRefresher.RefreshResult;
import io.plugboard.instances.control.InstanceQueries;
import io.plugboard.instances.control.InstanceQueries.Status;
import io.plugboard.instances.control.InstanceRequest;
import io.plugboard.instances.control.InstanceService;
import io.plugboard.organizations.control.OrganizationRepository;
import io.plugboard.organizations.control.OrganizationService;
import io.plugboard.platform.control.Outcome;
import io.plugboard.platform.security.AuthorizationHeader;
import io.plugboard.platform.security.Caller;
import io.plugboard.platform.security.CallerAuthenticator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one door from the console's pages to the rest of the hub. Pages hand it the signed-in
 * {@link Caller} and get {@link ConsoleViews} records back; every read and every action is scoped
 * to that caller's organization here, in one place, the way the api-v2 resources scope theirs, so
 * an id typed into a URL can never reach another organization's instance. It reuses the services
 * the API uses (same rules, same events), and adds nothing but the shaping a page needs.
 */
@ApplicationScoped
public class ConsoleFacade {

    /** A token that expires within this many hours counts as "expiring soon" on the dashboard. */
    static final int EXPIRING_SOON_HOURS = 24;
    /** The dashboard's window for credential failures. */
    static final int FAILURE_WINDOW_HOURS = 24;
    static final int DASHBOARD_LIST_SIZE = 10;
    private static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT);

    @Inject
    CallerAuthenticator authenticator;
    @Inject
    OrganizationService organizations;
    @Inject
    ElementService elements;
    @Inject
    InstanceService instances;
    @Inject
    InstanceQueries queries;
    @Inject
    CredentialRefresher refresher;
    @Inject
    io.plugboard.connect.control.ConnectStart connectStart;
    @Inject
    OrganizationRepository organizationRecords;
    @Inject
    EndedSessions endedSessions;
    @Inject
    ConsoleSessions sessions;

    // --- signing in -----------------------------------------------------------------------------

    /** The caller the two secrets belong to, checked exactly as the api-v2 header is. */
    public Optional<Caller> signIn(String organizationSecret, String userSecret) {
        String organization = organizationSecret == null ? "" : organizationSecret.strip();
        String user = userSecret == null ? "" : userSecret.strip();
        if (organization.isEmpty() || user.isEmpty()) {
            return Optional.empty();
        }
        // Never an element token: a console session acts for the user, not for one instance.
        return authenticator.authenticate(new AuthorizationHeader(user, organization, null))
                .map(c -> c.withElementToken(null));
    }

    /**
     * A new console session for a caller who just signed in, bound to the current digests of both
     * secrets. Empty if the user vanished in between.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<ConsoleSession> startSession(Caller caller) {
        return organizationRecords.findUser(caller.organizationId(), caller.userId())
                .map(user -> sessions.codec().start(caller.organizationId(), caller.userId(),
                        sessions.codec().credentialsVersion(user.getOrganization().getSecretDigest(), user.getSecretDigest())));
    }

    /**
     * The caller a (signature-checked, unexpired) console session acts for, if the session is
     * still current: the user still exists in that organization, and neither the user's nor the
     * organization's secret has been replaced since the session was issued. Asked on every
     * console request, from the database, so a removal or rotation made on any node ends the
     * session on every node at once. The one place to extend what "current" means.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Caller> sessionCaller(ConsoleSession session) {
        if (endedSessions.isEnded(session)) {
            return Optional.empty();
        }
        return organizationRecords.findUser(session.organizationId(), session.userId())
                .filter(user -> sessions.codec().credentialsMatch(session, user.getOrganization().getSecretDigest(),
                        user.getSecretDigest()))
                .map(user -> new Caller(session.organizationId(), session.userId(),
                        user.getOrganization().isBootstrap() && user.isAdministrator(), user.isAdministrator(), null));
    }

    /** Signs a session out on every node: its cookie, wherever a copy of it is, opens nothing any more. */
    public void endSession(ConsoleSession session) {
        endedSessions.end(session);
    }

    public Who who(Caller caller) {
        return organizations.user(caller.organizationId(), caller.userId())
                .map(u -> new Who(caller.organizationId(), displayName(u.firstName(), u.lastName(), u.emailAddress()),
                        u.emailAddress()))
                .orElseGet(() -> new Who(caller.organizationId(), "User " + caller.userId(), null));
    }

    private static String displayName(String first, String last, String email) {
        String name = ((first == null ? "" : first) + " " + (last == null ? "" : last)).strip();
        return name.isEmpty() ? email : name;
    }

    // --- organization ---------------------------------------------------------------------------

    public ConsoleViews.OrganizationPage organization(Caller caller) {
        List<ConsoleViews.UserRow> users = organizations.users(caller.organizationId()).stream()
                .map(u -> new ConsoleViews.UserRow(u.id(), displayName(u.firstName(), u.lastName(), u.emailAddress()),
                        u.emailAddress(), u.administrator(), u.createdDate(), u.id() == caller.userId()))
                .toList();
        return new ConsoleViews.OrganizationPage(caller.organizationId(), caller.administrator(), users);
    }

    /**
     * A new secret for the user (the caller's own, or, for an administrator, anyone's in the
     * organization). {@code session} is the caller's console session: when the caller's own
     * secret was replaced, the outcome carries it bound to the new secrets, read in the same
     * transaction as the change (under the organization's lock), so this one session carries on
     * while every other one made with the old secret ends.
     */
    @Transactional
    public ConsoleViews.Rotation rotateUserSecret(Caller caller, ConsoleSession session, long userId) {
        var change = organizations.rotateUserSecret(caller.organizationId(), caller.userId(), userId);
        if (change instanceof OrganizationService.Change.Done<OrganizationService.NewSecret> done) {
            var user = done.value().user();
            boolean own = user.id() == caller.userId();
            String subject = own ? "Your new user secret"
                    : "New user secret of " + displayName(user.firstName(), user.lastName(), user.emailAddress());
            Notice notice = Notice.success(own ? "Your user secret was replaced; the old one no longer works."
                    : "The user secret of " + user.emailAddress() + " was replaced; the old one no longer works"
                    + " and their console sessions have ended.");
            return new ConsoleViews.Rotation(notice, subject, done.value().secret(), own ? continued(session) : null);
        }
        return new ConsoleViews.Rotation(refused(change), null, null, null);
    }

    /** A new organization secret; the caller's own {@code session} carries on, as above. */
    @Transactional
    public ConsoleViews.Rotation rotateOrganizationSecret(Caller caller, ConsoleSession session) {
        var change = organizations.rotateOrganizationSecret(caller.organizationId(), caller.userId());
        if (change instanceof OrganizationService.Change.Done<OrganizationService.NewSecret> done) {
            return new ConsoleViews.Rotation(Notice.success("The organization secret was replaced; the old one no longer"
                    + " works for any user, and every other console session of the organization has ended."),
                    "New organization secret", done.value().secret(), continued(session));
        }
        return new ConsoleViews.Rotation(refused(change), null, null, null);
    }

    /** The session bound to the secrets as they are now (in the rotating transaction); null if the user is gone. */
    private ConsoleSession continued(ConsoleSession session) {
        return organizationRecords.findUser(session.organizationId(), session.userId())
                .map(user -> sessions.codec().withCredentials(session, sessions.codec().credentialsVersion(
                        user.getOrganization().getSecretDigest(), user.getSecretDigest())))
                .orElse(null);
    }

    public Notice removeUser(Caller caller, long userId) {
        var change = organizations.removeUser(caller.organizationId(), caller.userId(), userId);
        if (change instanceof OrganizationService.Change.Done<OrganizationService.UserView> done) {
            return Notice.success("Removed " + done.value().emailAddress() + "; their secret no longer works."
                    + " Instances they created stay.");
        }
        return refused(change);
    }

    private static Notice refused(OrganizationService.Change<?> change) {
        if (change instanceof OrganizationService.Change.NotFound<?> notFound) {
            return Notice.error(notFound.message());
        }
        if (change instanceof OrganizationService.Change.Forbidden<?> forbidden) {
            return Notice.error(forbidden.message());
        }
        if (change instanceof OrganizationService.Change.Conflict<?> conflict) {
            return Notice.error(conflict.message());
        }
        return Notice.error("The action failed.");
    }

    // --- dashboard ------------------------------------------------------------------------------

    public Dashboard dashboard(Caller caller) {
        long org = caller.organizationId();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Function<Long, ElementRef> element = elementLookup(org);
        Map<Long, long[]> counts = new LinkedHashMap<>();
        long[] totals = new long[3];
        for (InstanceQueries.StatusCount count : queries.statusCounts(org)) {
            long[] byStatus = counts.computeIfAbsent(count.elementId(), k -> new long[3]);
            byStatus[count.status().ordinal()] += count.count();
            totals[count.status().ordinal()] += count.count();
        }
        List<ElementStatus> byElement = counts.entrySet().stream()
                .map(e -> new ElementStatus(element.apply(e.getKey()), e.getValue()[Status.VALID.ordinal()],
                        e.getValue()[Status.INVALID.ordinal()], e.getValue()[Status.DISABLED.ordinal()]))
                .sorted(Comparator.comparing((ElementStatus s) -> s.element().name(), String.CASE_INSENSITIVE_ORDER))
                .toList();
        OffsetDateTime soon = now.plusHours(EXPIRING_SOON_HOURS);
        OffsetDateTime since = now.minusHours(FAILURE_WINDOW_HOURS);
        List<InstanceRow> attention = queries.needingAttention(org, soon, DASHBOARD_LIST_SIZE).stream()
                .map(r -> new InstanceRow(r, element.apply(r.elementId()))).toList();
        return new Dashboard(totals[0] + totals[1] + totals[2], totals[Status.VALID.ordinal()],
                totals[Status.INVALID.ordinal()], totals[Status.DISABLED.ordinal()], byElement,
                queries.countNeedingAttention(org, soon), attention,
                queries.countFailuresSince(org, since), queries.failuresSince(org, since, DASHBOARD_LIST_SIZE));
    }

    // --- instances ------------------------------------------------------------------------------

    /** One page of the instance table; {@code page} counts from 1 and is clamped to what exists. */
    public PageOf<InstanceRow> instances(Caller caller, InstanceQueries.Criteria criteria, int page, int pageSize) {
        long org = caller.organizationId();
        long total = queries.count(org, criteria);
        int pages = (int) Math.max(1, (total + pageSize - 1) / pageSize);
        int shown = Math.min(Math.max(page, 1), pages);
        Function<Long, ElementRef> element = elementLookup(org);
        List<InstanceRow> rows = queries.page(org, criteria, (shown - 1) * pageSize, pageSize).stream()
                .map(r -> new InstanceRow(r, element.apply(r.elementId()))).toList();
        return new PageOf<>(rows, total, shown, pageSize);
    }

    public List<String> tags(Caller caller) {
        return queries.tags(caller.organizationId());
    }

    /** The organization's instance, or empty: another organization's id is simply not found. */
    public Optional<InstanceDetail> instance(Caller caller, long id) {
        long org = caller.organizationId();
        return queries.detail(org, id).map(detail -> {
            Optional<ElementDefinition> definition = elements.find(String.valueOf(detail.elementId()), Optional.of(org))
                    .map(ElementService.Element::definition);
            Optional<AuthenticationType> type = definition.flatMap(ElementDefinition::authenticationType);
            List<Event> events = instances.history(org, id, 50).fold(
                    found -> found.stream().map(e -> new Event(e.type(), e.detail(), e.createdDate())).toList(),
                    failed -> List.of());
            return new InstanceDetail(detail, elementLookup(org).apply(detail.elementId()),
                    type.map(AuthenticationType::wireName).orElse("custom"),
                    type.map(t -> t == AuthenticationType.OAUTH1 || t == AuthenticationType.OAUTH2).orElse(false),
                    type.map(t -> t == AuthenticationType.OAUTH2).orElse(false), events);
        });
    }

    public Notice setEnabled(Caller caller, long id, boolean enabled) {
        return instances.setEnabled(caller.organizationId(), id, enabled).fold(
                changed -> Notice.success("“" + changed.name() + "” is " + (enabled ? "enabled." : "disabled.")),
                ConsoleFacade::failure);
    }

    /** Renames and re-tags; nothing else of the instance changes, and no provider is called. */
    public Notice update(Caller caller, long id, String name, List<String> tags) {
        InstanceRequest request = InstanceRequest.builder().tags(tags).name(name).build();
        return instances.update(caller.organizationId(), id, request, false).fold(
                saved -> Notice.success("Saved “" + saved.name() + "”."), ConsoleFacade::failure);
    }

    /** Refreshes now, as {@code POST /instances/{id}/refresh} does: a disabled instance is left alone. */
    public Notice refresh(Caller caller, long id) {
        RefreshResult result = refresher.refreshNow(caller.organizationId(), id);
        if (result instanceof RefreshResult.Disabled) {
            return Notice.warning("The instance is disabled; enable it before refreshing its credentials.");
        }
        if (result instanceof RefreshResult.Refreshed refreshed) {
            return Notice.success(refreshed.expiresAt() == null ? "Credentials refreshed."
                    : "Credentials refreshed; they now expire " + EXPIRY.format(refreshed.expiresAt()) + ".");
        }
        if (result instanceof RefreshResult.NotRefreshable notRefreshable) {
            return Notice.warning("Nothing to refresh: " + notRefreshable.reason());
        }
        if (result instanceof RefreshResult.Revoked revoked) {
            return Notice.error("The provider revoked the grant; the instance is invalid until re-authenticated."
                    + providerSaid(revoked.providerMessage()));
        }
        if (result instanceof RefreshResult.Failed failed) {
            return Notice.error("Refresh failed: " + failed.message() + providerSaid(failed.providerMessage()));
        }
        return Notice.error("No instance with id " + id + ".");
    }

    public Notice delete(Caller caller, long id) {
        Optional<String> name = queries.detail(caller.organizationId(), id).map(InstanceQueries.Detail::name);
        return instances.delete(caller.organizationId(), id).fold(
                deleted -> Notice.success("Deleted “" + name.orElse(String.valueOf(id)) + "”."), ConsoleFacade::failure);
    }

    private static String providerSaid(String providerMessage) {
        return providerMessage == null || providerMessage.isBlank() ? ""
                : " The provider said: " + (providerMessage.length() > 300 ? providerMessage.substring(0, 300) + "…" : providerMessage);
    }

    /** A failed outcome as the notice a page shows; shared by the console's facades. */
    static Notice failure(Outcome<?> outcome) {
        if (outcome instanceof Outcome.Invalid<?> invalid) {
            // Credentials the provider rejected carry its own word, which says what to fix.
            return Notice.error(invalid.message() + providerSaid(invalid.providerMessage()));
        }
        if (outcome instanceof Outcome.NotFound<?> notFound) {
            return Notice.error(notFound.message());
        }
        if (outcome instanceof Outcome.Conflict<?> conflict) {
            return Notice.warning(conflict.message());
        }
        if (outcome instanceof Outcome.ProviderFailed<?> failed) {
            return Notice.error(failed.message() + providerSaid(failed.providerMessage()));
        }
        if (outcome instanceof Outcome.ProviderTimedOut<?> timedOut) {
            return Notice.error(timedOut.message());
        }
        return Notice.error("The action failed.");
    }

    // --- elements -------------------------------------------------------------------------------

    /** The catalog and the organization's private elements, filtered by name (or key) and hub. */
    public List<ElementCard> elements(Caller caller, String text, String hub) {
        long org = caller.organizationId();
        String needle = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        Map<Long, Long> counts = instanceCounts(org);
        return elements.visibleTo(Optional.of(org)).stream()
                .filter(e -> needle.isEmpty() || contains(e.name(), needle) || contains(e.key(), needle))
                .filter(e -> hub == null || hub.isBlank() || hub.equalsIgnoreCase(e.hub()))
                .map(e -> card(e, isPrivate(e), counts))
                .sorted(Comparator.comparing((ElementCard c) -> c.element().name(), String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    /** Every element the organization sees, by name, for the element filter (no counts needed). */
    public List<ElementRef> elementChoices(Caller caller) {
        return elements.visibleTo(Optional.of(caller.organizationId())).stream()
                .map(ConsoleFacade::ref)
                .sorted(Comparator.comparing(ElementRef::name, String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    /** The hubs (categories) among the elements the organization sees, for the hub filter. */
    public List<String> hubs(Caller caller) {
        return elements.visibleTo(Optional.of(caller.organizationId())).stream()
                .map(ElementDefinition::hub).filter(h -> h != null && !h.isBlank())
                .distinct().sorted(String.CASE_INSENSITIVE_ORDER).toList();
    }

    public Optional<ElementDetail> element(Caller caller, String keyOrId) {
        if (keyOrId == null || keyOrId.isBlank()) {
            return Optional.empty();
        }
        long org = caller.organizationId();
        return elements.find(keyOrId.strip(), Optional.of(org)).map(found -> {
            ElementDefinition e = ElementService.masked(found.definition().normalized());
            return new ElementDetail(card(e, found.privateToCaller(), instanceCounts(org)), e.aliases(),
                    e.configuration().stream().map(ConsoleViews.Setting::of).toList(),
                    e.resources().stream().map(ConsoleViews.Operation::of).toList());
        });
    }

    /**
     * What the connect wizard asks for: the element's required, visible configuration except the
     * callback (the hub's own), plus whether its OAuth URLs need a site address. Empty for an
     * element that does not use OAuth.
     */
    public Optional<ConsoleViews.ConnectForm> connectForm(Caller caller, String keyOrId) {
        if (keyOrId == null || keyOrId.isBlank()) {
            return Optional.empty();
        }
        return elements.find(keyOrId.strip(), Optional.of(caller.organizationId())).map(ElementService.Element::definition)
                .filter(e -> e.authenticationType().map(t -> t == AuthenticationType.OAUTH1
                        || t == AuthenticationType.OAUTH2).orElse(false))
                .map(e -> new ConsoleViews.ConnectForm(e.key(), e.name(), e.configuration().stream()
                        .filter(c -> c.isRequired() && !Boolean.TRUE.equals(c.hidden()) && !"oauth.callback.url".equals(c.key()))
                        .map(c -> new ConsoleViews.ConnectField(c.key(), c.name() == null ? c.key() : c.name(), c.isSecret()))
                        .toList(),
                        e.configuration().stream().anyMatch(c -> c.defaultValue() != null && c.key().startsWith("oauth.")
                                && c.defaultValue().contains("{"))));
    }

    /**
     * Starts the hosted connect for the console's own session; the result says where to send the
     * browser. With {@code instanceId}, the connect re-authenticates that instance in place.
     */
    public io.plugboard.platform.control.Outcome<io.plugboard.connect.control.ConnectStart.Started> startConnect(
            Caller caller, String elementKey, Map<String, String> configuration, String name, List<String> tags,
            String siteAddress, String presentedSession, io.plugboard.connect.control.ConnectStart.CallbackUrl callbacks,
            String returnUrl, Long instanceId) {
        var request = new io.plugboard.connect.control.ConnectStart.ConnectRequest(returnUrl, configuration, name, tags,
                siteAddress, instanceId);
        return connectStart.startFromConsole(caller, elementKey, request, presentedSession, callbacks);
    }

    /** Not in the shared catalog, so the organization's own (an in-memory lookup, no query). */
    private boolean isPrivate(ElementDefinition e) {
        return e.key() != null && elements.find(e.key(), Optional.empty()).isEmpty();
    }

    private Map<Long, Long> instanceCounts(long org) {
        Map<Long, Long> counts = new HashMap<>();
        queries.statusCounts(org).forEach(c -> counts.merge(c.elementId(), c.count(), Long::sum));
        return counts;
    }

    private static ElementCard card(ElementDefinition e, boolean privateToOrganization, Map<Long, Long> counts) {
        return new ElementCard(ref(e), e.hub(), e.description(),
                e.authenticationType().map(AuthenticationType::wireName).orElse("custom"), privateToOrganization,
                !Boolean.FALSE.equals(e.active()), e.id() == null ? 0 : counts.getOrDefault(e.id(), 0L));
    }

    private static boolean contains(String value, String needle) {
        return value != null && value.toLowerCase(Locale.ROOT).contains(needle);
    }

    // --- shared ---------------------------------------------------------------------------------

    /** Resolves element ids to what a row shows, each id once per call (private elements cost a query). */
    private Function<Long, ElementRef> elementLookup(long org) {
        Map<Long, ElementRef> cache = new HashMap<>();
        return id -> cache.computeIfAbsent(id, key -> elements.find(String.valueOf(key), Optional.of(org))
                .map(found -> ref(found.definition()))
                .orElseGet(() -> new ElementRef(key, String.valueOf(key), "Deleted element " + key, null)));
    }

    private static ElementRef ref(ElementDefinition e) {
        String image = e.image() != null && (e.image().startsWith("https://") || e.image().startsWith("http://"))
                ? e.image() : null;
        return new ElementRef(e.id() == null ? 0 : e.id(), e.key(),
                e.name() == null || e.name().isBlank() ? e.key() : e.name(), image);
    }
}
