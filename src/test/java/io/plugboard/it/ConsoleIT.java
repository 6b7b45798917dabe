package io.plugboard.it;

import io.plugboard.console.control.ConsoleSession;
import io.plugboard.console.control.ConsoleSessionCodec;
import io.plugboard.tokens.control.BearerSecrets;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.mockserver.model.ClearType;
import org.mockserver.model.HttpTemplate;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static io.plugboard.it.HubClient.BOOTSTRAP_AUTH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.mockserver.model.HttpRequest.request;
import static org.mockserver.model.HttpResponse.response;

/**
 * The admin console in a real browser (headless Chromium driven by Selenium) against the WAR on
 * Payara Micro: sign-in and sign-out, the dashboard, the instance table's filters, sorting and
 * paging, an instance's actions (disable, enable, refresh, edit, delete with confirmation), the
 * element catalog, the Organization page (rotating secrets, removing users, revoked sessions
 * ending), the friendly error pages, and that another organization's data never shows.
 * Instances are provisioned through the API with MockServer as the provider, as in InstancesIT.
 *
 * <p>The tests run in order and share one browser and one data set: each step builds on the
 * state the previous one left, as an operator's session would. Each page's screenshot goes to
 * {@code docs/screenshots}. Skipped, with a message, where {@code /usr/bin/chromium} is missing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT extends HubTestBase {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String CALLBACK = "https://www.mycoolapp.com/auth";
    private static final String INSTAGRAM_TOKEN = "/api.instagram.com/oauth/access_token";
    private static final String ACTON_TOKEN = "/restapi.actonsoftware.com/token";
    private static final String BASE_TOKEN = "/api.getbase.com/oauth2/token";
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** The console's signed session cookie: the whole session, valid on any node with the same key. */
    private static final String SESSION_COOKIE = "PLUGBOARD_CONSOLE_SESSION";

    private static WebDriver browser;
    private static Path profile;
    /** The data every test reads, provisioned once. */
    private static Fixture fixture;

    /** The organization the console signs in to, its instances' ids, and the other organization's one. */
    private record Fixture(String organizationSecret, String userSecret, String auth, long storefront, long newsletter,
                           long campaign, long archive, long partner, long support, long foreign,
                           String foreignName, long organizationId, long userId, long foreignUserId) {
    }

    @BeforeAll
    static void startBrowser() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM), "Skipping the console browser tests: " + CHROMIUM
                + " is not installed (apt-get install chromium chromium-driver).");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        profile = Files.createTempDirectory("console-it-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=1280,900");
        browser = new ChromeDriver(options);
        browser.manage().window().setSize(new Dimension(1280, 900));
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @BeforeEach
    void setUp() {
        if (fixture == null) {
            fixture = provisionFixture();
        }
    }

    // --- the data ------------------------------------------------------------------------------

    private Fixture provisionFixture() {
        provider.reset();
        JsonObject created = newOrganization("Acme Console");
        String organizationSecret = created.getJsonObject("organization").getString("secret");
        String userSecret = created.getJsonObject("user").getString("secret");
        String auth = HubClient.auth(userSecret, organizationSecret);

        tokenEndpoint(INSTAGRAM_TOKEN, "{\"access_token\": \"ig-access-" + UUID.randomUUID() + "\", \"user\": {\"id\": \"1\"}}");
        tokenEndpoint(BASE_TOKEN, "{\"access_token\": \"base-access-secret\", \"refresh_token\": \"base-refresh\", \"expires_in\": 864000}");
        long storefront = provision(auth, "instagram", "Storefront feed", "social", "storefront");
        long archive = provision(auth, "instagram", "Archive feed", "social", "legacy");
        long partner = provision(auth, "instagram", "Partner feed", "social");
        long support = provision(auth, "base", "Support CRM", "crm");
        tokenEndpoint(ACTON_TOKEN, "{\"access_token\": \"acton-access-secret\", \"refresh_token\": \"acton-refresh-secret\", \"expires_in\": 3600}");
        long newsletter = provision(auth, "acton", "Newsletter sync", "marketing");
        long campaign = provision(auth, "acton", "Campaign sync", "marketing", "legacy");

        // Campaign sync: the provider revokes the grant, so the hub marks it invalid (a failure event).
        provider.clear(request().withPath(ACTON_TOKEN), ClearType.EXPECTATIONS);
        provider.when(request().withPath(ACTON_TOKEN))
                .respond(response().withStatusCode(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\": \"invalid_grant\"}"));
        assertEquals(502, hub.post("instances/" + campaign + "/refresh", null, auth).status());
        provider.clear(request().withPath(ACTON_TOKEN), ClearType.EXPECTATIONS);
        // Archive feed: disabled.
        assertEquals(200, hub.delete("instances/" + archive + "/enabled", auth).status());

        JsonObject other = newOrganization("Globex");
        String otherAuth = HubClient.auth(other.getJsonObject("user").getString("secret"),
                other.getJsonObject("organization").getString("secret"));
        String foreignName = "Globex private feed " + UUID.randomUUID().toString().substring(0, 8);
        long foreign = provision(otherAuth, "instagram", foreignName, "globex");
        return new Fixture(organizationSecret, userSecret, auth, storefront, newsletter, campaign, archive, partner,
                support, foreign, foreignName, created.getJsonObject("organization").getJsonNumber("id").longValue(),
                created.getJsonObject("user").getJsonNumber("id").longValue(),
                other.getJsonObject("user").getJsonNumber("id").longValue());
    }

    private JsonObject newOrganization(String name) {
        var reply = hub.post("organizations", """
                {"name": "%s %s", "user": {"emailAddress": "ada@example.com", "firstName": "Ada", "lastName": "Lovelace"}}
                """.formatted(name, UUID.randomUUID()), BOOTSTRAP_AUTH);
        assertEquals(200, reply.status(), reply::toString);
        return reply.json();
    }

    private long provision(String auth, String element, String name, String... tags) {
        String tagList = String.join(", ", Stream.of(tags).map(t -> "\"" + t + "\"").toList());
        var reply = hub.post("instances", """
                {"element": {"key": "%s"}, "providerData": {"code": "code-%s"},
                 "configuration": {"oauth.api.key": "client-id", "oauth.api.secret": "client-secret-value",
                                   "oauth.callback.url": "%s"},
                 "tags": [%s], "name": "%s"}
                """.formatted(element, UUID.randomUUID(), CALLBACK, tagList, name), auth);
        assertEquals(200, reply.status(), reply::toString);
        return reply.json().getJsonNumber("id").longValue();
    }

    // --- browser helpers -----------------------------------------------------------------------

    private String console(String page) {
        String root = base.toString();
        return (root.endsWith("/") ? root : root + "/") + "console/" + page;
    }

    private void open(String page) {
        browser.get(console(page));
    }

    /**
     * Clicks something that submits or navigates, and waits until the next page has loaded: the
     * old page carries a marker the new one does not (sturdier than element staleness, which can
     * race with Chrome's navigation).
     */
    private void clickAndWait(By target) {
        JavascriptExecutor script = (JavascriptExecutor) browser;
        script.executeScript("window.consoleItOldPage = true");
        browser.findElement(target).click();
        new WebDriverWait(browser, WAIT).ignoring(WebDriverException.class).until(d -> Boolean.TRUE.equals(script.executeScript(
                "return window.consoleItOldPage === undefined && document.readyState === 'complete'")));
    }

    private void signIn() {
        browser.manage().deleteAllCookies();
        open("login.xhtml");
        typeSecrets(fixture.organizationSecret(), fixture.userSecret());
        assertTrue(browser.getCurrentUrl().contains("/console/dashboard.xhtml"), browser.getCurrentUrl());
    }

    private void typeSecrets(String organizationSecret, String userSecret) {
        browser.findElement(By.id("login:organizationSecret")).sendKeys(organizationSecret);
        browser.findElement(By.id("login:userSecret")).sendKeys(userSecret);
        clickAndWait(By.id("login:signIn"));
    }

    private String text(By target) {
        return browser.findElement(target).getText();
    }

    private String notices() {
        return browser.findElements(By.cssSelector(".notices")).stream().map(WebElement::getText)
                .reduce("", (a, b) -> a + "\n" + b);
    }

    private List<String> tableNames() {
        return browser.findElements(By.cssSelector("#instance-table tbody tr .row-title")).stream()
                .map(WebElement::getText).toList();
    }

    private void filter(String field, String visibleText) {
        new Select(browser.findElement(By.id("filters:" + field))).selectByVisibleText(visibleText);
    }

    /**
     * Into target/screenshots on every run; {@code -Dplugboard.it.screenshots=docs/screenshots}
     * refreshes the README's pictures (a plain test run leaves the tracked files alone).
     */
    private void screenshot(String name) throws IOException {
        Path directory = Path.of(System.getProperty("basedir", "."))
                .resolve(System.getProperty("plugboard.it.screenshots", "target/screenshots"));
        Files.createDirectories(directory);
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(directory.resolve(name + ".png"), png);
    }

    private Cookie sessionCookie() {
        return browser.manage().getCookies().stream().filter(c -> c.getName().toUpperCase().contains("SESSION"))
                .findFirst().orElse(null);
    }

    /** A plain HTTP GET with the browser's session, for what a browser does not expose (the status). */
    private HttpResponse<String> getWithSession(String page) throws Exception {
        Cookie session = sessionCookie();
        assertNotNull(session, "signed in, so there is a session cookie");
        HttpRequest request = HttpRequest.newBuilder(URI.create(console(page)))
                .header("Cookie", session.getName() + "=" + session.getValue()).GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The login form posted without a browser, optionally from an existing session ("NAME=value"). */
    private HttpResponse<String> signInOverHttp(String sessionCookie, String... headers) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        // The form itself is fetched without the session: a signed-in user opening it goes to the dashboard.
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(console("login.xhtml"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        java.util.regex.Matcher state = java.util.regex.Pattern
                .compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]*)\"").matcher(form.body());
        assertTrue(state.find(), () -> "the login form carries its view state: HTTP " + form.statusCode() + " " + form.body());
        String body = String.join("&", "login=login",
                "login%3AorganizationSecret=" + URLEncoder.encode(fixture.organizationSecret(), StandardCharsets.UTF_8),
                "login%3AuserSecret=" + URLEncoder.encode(fixture.userSecret(), StandardCharsets.UTF_8),
                "login%3AsignIn=Sign+in",
                "jakarta.faces.ViewState=" + URLEncoder.encode(state.group(1), StandardCharsets.UTF_8));
        HttpRequest.Builder post = withCookie(HttpRequest.newBuilder(URI.create(console("login.xhtml"))), sessionCookie);
        if (headers.length > 0) {
            post.headers(headers);
        }
        return http.send(post
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> plainGet(String page, String sessionCookie) throws Exception {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(withCookie(HttpRequest.newBuilder(URI.create(console(page))), sessionCookie)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder withCookie(HttpRequest.Builder request, String sessionCookie) {
        return sessionCookie == null ? request : request.header("Cookie", sessionCookie);
    }

    /** The Set-Cookie header of the session cookie (the last one, should there be several). */
    private static String sessionSetCookie(HttpResponse<String> response) {
        assertNoHttpSession(response);
        List<String> cookies = response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(SESSION_COOKIE + "=")).toList();
        assertFalse(cookies.isEmpty(), () -> "no session cookie in " + response.headers());
        return cookies.get(cookies.size() - 1);
    }

    /** No console response ever opens an HttpSession: the signed cookie is the whole session. */
    private static void assertNoHttpSession(HttpResponse<String> response) {
        assertTrue(response.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.toUpperCase().startsWith("JSESSIONID")),
                () -> "no server session: " + response.headers().allValues("Set-Cookie"));
    }

    /** The CSRF token in a page's forms, or null. */
    private static String csrfToken(String page) {
        java.util.regex.Matcher token = java.util.regex.Pattern
                .compile("name=\"plugboard-csrf\" value=\"([^\"]*)\"").matcher(page);
        return token.find() ? token.group(1) : null;
    }

    /**
     * The key every node derives the console's cookie key from: the credential encryption key of
     * this run (configured for PostgreSQL, generated into the data directory on the embedded database).
     */
    private static byte[] sharedEncryptionKey() throws IOException {
        String encoded = "postgresql".equals(System.getProperty("plugboard.it.database"))
                ? TestEnvironment.ENCRYPTION_KEY
                : Files.readString(TestEnvironment.dataDirectory().resolve("encryption.key")).strip();
        return java.util.Base64.getDecoder().decode(encoded);
    }

    /** The codec as a node with this encryption key has it, built here, outside the server. */
    private static ConsoleSessionCodec codec(byte[] encryptionKey) {
        byte[] key = ConsoleSessionCodec.deriveKey(encryptionKey);
        return new ConsoleSessionCodec(key, List.of(key), Duration.ofMinutes(30), Duration.ofHours(12), Clock.systemUTC());
    }

    /** A console session the server never issued, minted from the shared key for the fixture's user. */
    private ConsoleSession mintSession(ConsoleSessionCodec codec, long organizationId, long userId) {
        return codec.start(organizationId, userId, codec.credentialsVersion(BearerSecrets.digest(fixture.organizationSecret()),
                BearerSecrets.digest(fixture.userSecret())));
    }

    /** The instance page's action form posted by a client with nothing but {@code cookie}. */
    private HttpResponse<String> postToggle(String cookie, long instance, String token) throws Exception {
        HttpResponse<String> page = plainGet("instance.xhtml?id=" + instance, cookie);
        assertEquals(200, page.statusCode(), page::body);
        java.util.regex.Matcher state = java.util.regex.Pattern
                .compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]*)\"").matcher(page.body());
        assertTrue(state.find(), page::body);
        List<String> fields = new ArrayList<>(List.of("actions=actions", "id=" + instance,
                "actions%3Atoggle=Disable", "jakarta.faces.ViewState=" + URLEncoder.encode(state.group(1), StandardCharsets.UTF_8)));
        if (token != null) {
            fields.add("plugboard-csrf=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
        }
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create(console("instance.xhtml"))).header("Cookie", cookie)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(String.join("&", fields))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private boolean disabled(long instance) {
        return hub.get("instances/" + instance, fixture.auth()).json().getBoolean("disabled");
    }

    private List<String> apiTags(long id) {
        return hub.get("instances/" + id, fixture.auth()).json().getJsonArray("tags").getValuesAs(JsonString.class)
                .stream().map(JsonString::getString).toList();
    }

    // --- the tests -----------------------------------------------------------------------------

    @Test
    @Order(1)
    void aWrongSecretIsRefusedAndTheRightOnesOpenTheDashboard() throws Exception {
        browser.manage().deleteAllCookies();
        open("");
        assertTrue(browser.getCurrentUrl().contains("/console/login.xhtml"), "unauthenticated: sent to login");
        assertNotNull(browser.findElement(By.cssSelector("label[for='login:organizationSecret']")));
        screenshot("login");

        typeSecrets(fixture.organizationSecret(), "not-the-user-secret");
        assertTrue(browser.getCurrentUrl().contains("/console/login.xhtml"));
        assertTrue(notices().contains("Sign-in failed"), notices());
        assertEquals("", browser.findElement(By.id("login:userSecret")).getAttribute("value"), "secrets are never redisplayed");
        assertFalse(browser.getPageSource().contains(fixture.organizationSecret()));
        Cookie before = sessionCookie();

        typeSecrets(fixture.organizationSecret(), fixture.userSecret());
        assertTrue(browser.getCurrentUrl().contains("/console/dashboard.xhtml"), browser.getCurrentUrl());
        assertTrue(text(By.id("account-name")).contains("Ada Lovelace"));
        Cookie session = sessionCookie();
        assertNotNull(session);
        assertTrue(session.isHttpOnly(), "the session cookie is HttpOnly");
        if (before != null) {
            assertNotEquals(before.getValue(), session.getValue(), "a new session id on sign-in");
        }

        // Signed in, the login page and the console's root move on to the dashboard.
        open("login.xhtml");
        assertTrue(browser.getCurrentUrl().contains("/console/dashboard.xhtml"));
        open("");
        assertTrue(browser.getCurrentUrl().contains("/console/dashboard.xhtml"), browser.getCurrentUrl());
    }

    @Test
    @Order(2)
    void theSessionCookieIsHttpOnlySameSiteLaxAndRenewedOnSignIn() throws Exception {
        HttpResponse<String> first = signInOverHttp(null);
        assertEquals(302, first.statusCode(), first::body);
        assertTrue(first.headers().firstValue("Location").orElse("").endsWith("/console/dashboard.xhtml"));
        String header = sessionSetCookie(first);
        assertTrue(header.contains("HttpOnly"), header);
        assertTrue(header.matches("(?i).*;\\s*SameSite=Lax.*"), header);
        String sessionA = header.substring(0, header.indexOf(';'));

        assertTrue(header.contains("; Path=/elements/console;"), "only the console gets it: " + header);
        assertFalse(header.contains("Secure"), "plain http here: " + header);

        // Signing in again from a signed-in session: a new session, whatever the browser brought.
        // (The old cookie is not revoked: it is signed and stays valid until it expires; see
        // docs/architecture.md. A planted cookie is therefore its planter's own session, not the victim's.)
        HttpResponse<String> second = signInOverHttp(sessionA);
        String sessionB = sessionSetCookie(second).split(";")[0];
        assertNotEquals(sessionA, sessionB);
        assertNotEquals(csrfToken(plainGet("dashboard.xhtml", sessionA).body()), csrfToken(plainGet("dashboard.xhtml", sessionB).body()),
                "each sign-in has its own session id, and with it its own CSRF token");
        assertEquals(200, plainGet("dashboard.xhtml", sessionB).statusCode());
        assertFalse(plainGet("dashboard.xhtml", sessionB).body().contains(fixture.userSecret()));
    }

    @Test
    @Order(3)
    void theDashboardCountsByStatusAndListsWhatNeedsAttention() throws Exception {
        signIn();
        assertEquals("6", browser.findElement(By.cssSelector("#stat-total .stat-value")).getText());
        assertEquals("4", browser.findElement(By.cssSelector("#stat-valid .stat-value")).getText());
        assertEquals("1", browser.findElement(By.cssSelector("#stat-invalid .stat-value")).getText());
        assertEquals("1", browser.findElement(By.cssSelector("#stat-disabled .stat-value")).getText());

        String byElement = text(By.id("by-element"));
        assertTrue(byElement.contains("Instagram Beta") && byElement.contains("Act-On") && byElement.contains("Base CRM"), byElement);
        WebElement actOn = browser.findElement(By.cssSelector("#by-element tr[data-element-key='acton']"));
        assertTrue(actOn.getText().replaceAll("\\s+", " ").contains("1 1 0 2"), actOn.getText());

        String attention = text(By.id("attention"));
        assertTrue(attention.contains("Campaign sync") && attention.contains("Invalid"), attention);
        assertTrue(attention.contains("Archive feed") && attention.contains("Disabled"), attention);
        assertTrue(attention.contains("Newsletter sync") && attention.contains("auto-refresh"),
                "expires within 24 h, renewed by the hub: " + attention);
        assertTrue(attention.contains("Storefront feed"), "expires within the hour, with nothing to renew it: " + attention);
        assertFalse(attention.contains("Support CRM"), "a token valid for days needs nothing: " + attention);
        assertEquals("5", browser.findElement(By.cssSelector("#stat-attention .stat-value")).getText());

        String failures = text(By.id("failures"));
        assertTrue(failures.contains("Campaign sync") && failures.contains("Invalidated"), failures);
        assertFalse(browser.getPageSource().contains(fixture.foreignName()), "another organization's data never shows");
        screenshot("dashboard");
    }

    @Test
    @Order(4)
    void theInstanceTableFiltersSortsAndPages() throws Exception {
        signIn();
        open("instances.xhtml");
        assertEquals(6, tableNames().size(), tableNames()::toString);
        assertFalse(tableNames().contains(fixture.foreignName()));
        WebElement logo = browser.findElement(By.cssSelector("#instance-table img"));
        assertFalse(logo.getAttribute("alt").isBlank(), "element logos have alt text");
        screenshot("instances");

        filter("status", "Invalid");
        clickAndWait(By.id("filters:apply"));
        assertTrue(browser.getCurrentUrl().contains("status=invalid"), "filters are in the URL");
        assertEquals(List.of("Campaign sync"), tableNames());

        filter("status", "Disabled");
        clickAndWait(By.id("filters:apply"));
        assertEquals(List.of("Archive feed"), tableNames());

        clickAndWait(By.id("clear"));
        browser.findElement(By.id("filters:q")).sendKeys("FEED");
        clickAndWait(By.id("filters:apply"));
        assertEquals(List.of("Archive feed", "Partner feed", "Storefront feed"), tableNames().stream().sorted().toList(),
                "a case-insensitive name search");

        filter("status", "Valid");
        clickAndWait(By.id("filters:apply"));
        assertEquals(List.of("Partner feed", "Storefront feed"), tableNames().stream().sorted().toList(), "filters combine");

        clickAndWait(By.id("clear"));
        filter("tag", "legacy");
        clickAndWait(By.id("filters:apply"));
        assertEquals(List.of("Archive feed", "Campaign sync"), tableNames().stream().sorted().toList());

        clickAndWait(By.id("clear"));
        filter("element", "Act-On");
        clickAndWait(By.id("filters:apply"));
        assertEquals(List.of("Campaign sync", "Newsletter sync"), tableNames().stream().sorted().toList());

        open("instances.xhtml?q=%25");
        assertEquals(List.of(), tableNames(), "a % in the search is a literal character, not a wildcard");
        assertTrue(text(By.id("no-instances")).contains("No instance matches"));
        open("instances.xhtml?q=" + URLEncoder.encode("o'; --\\_", StandardCharsets.UTF_8));
        assertEquals(List.of(), tableNames(), "quotes, backslashes and underscores are plain text");
        open("instances.xhtml?q=SYNC&status=valid");
        assertEquals(List.of("Newsletter sync"), tableNames(), "a search combines with a status, on every database");

        open("instances.xhtml");
        clickAndWait(By.cssSelector("th a[href*='sort=name']"));
        List<String> ascending = tableNames();
        assertEquals(ascending.stream().sorted(String.CASE_INSENSITIVE_ORDER).toList(), ascending, "sorted by name");
        assertEquals("ascending", browser.findElement(By.xpath("//th[.//a[contains(@href,'sort=name')]]")).getAttribute("aria-sort"));
        clickAndWait(By.cssSelector("th a[href*='sort=name']"));
        List<String> descending = new ArrayList<>(ascending);
        Collections.reverse(descending);
        assertEquals(descending, tableNames(), "a second click reverses the order");

        open("instances.xhtml?sort=name&dir=asc&size=4");
        assertEquals(ascending.subList(0, 4), tableNames());
        assertTrue(text(By.id("page-summary")).contains("1–4 of 6"));
        clickAndWait(By.cssSelector(".pagination a[rel='next']"));
        assertEquals(ascending.subList(4, 6), tableNames(), "the second page holds the rest, in the same order");
        assertTrue(browser.getCurrentUrl().contains("page=2"));

        // On a phone the table turns into one card per row.
        browser.manage().window().setSize(new Dimension(390, 844));
        open("instances.xhtml");
        ((JavascriptExecutor) browser).executeScript(
                "window.scrollTo(0, document.getElementById('instance-table').getBoundingClientRect().top + window.scrollY - 110)");
        screenshot("instances-narrow");
        browser.manage().window().setSize(new Dimension(1280, 900));
    }

    @Test
    @Order(5)
    void anInstancePageMasksSecretsAndItsActionsWork() throws Exception {
        signIn();
        open("instances.xhtml");
        clickAndWait(By.linkText("Newsletter sync"));
        assertTrue(browser.getCurrentUrl().contains("instance.xhtml?id=" + fixture.newsletter()));
        assertTrue(text(By.id("instance-status")).contains("Valid"));

        WebElement secret = browser.findElement(By.cssSelector("#configuration tr[data-config-key='oauth.api.secret']"));
        assertTrue(secret.getText().contains("secret") && secret.getText().contains("••••"), secret.getText());
        assertTrue(text(By.cssSelector("#configuration tr[data-config-key='oauth.api.key']")).contains("client-id"));
        String source = browser.getPageSource();
        for (String plaintext : List.of("client-secret-value", "acton-access-secret", "acton-refresh-secret")) {
            assertFalse(source.contains(plaintext), "never shown: " + plaintext);
        }
        assertTrue(text(By.id("token-expiry")).contains("UTC"));
        assertTrue(text(By.id("history")).contains("Provisioned"));
        String reconnect = browser.findElement(By.id("reauthenticate")).getAttribute("href");
        assertTrue(reconnect.endsWith("/elements/console/connect.xhtml?element=acton&instance=" + fixture.newsletter()), reconnect);
        screenshot("instance");

        clickAndWait(By.id("actions:toggle"));
        assertTrue(text(By.id("instance-status")).contains("Disabled"));
        assertTrue(notices().contains("is disabled"), notices());
        assertTrue(hub.get("instances/" + fixture.newsletter(), fixture.auth()).json().getBoolean("disabled"));
        clickAndWait(By.id("actions:refresh"));
        assertTrue(notices().contains("enable it before refreshing"), notices());
        clickAndWait(By.id("actions:toggle"));
        assertTrue(text(By.id("instance-status")).contains("Valid"));
        assertFalse(hub.get("instances/" + fixture.newsletter(), fixture.auth()).json().getBoolean("disabled"));

        // Refresh now: first the provider fails, then it answers.
        provider.when(request().withPath(ACTON_TOKEN))
                .respond(response().withStatusCode(500).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\": \"temporarily_unavailable\"}"));
        clickAndWait(By.id("actions:refresh"));
        assertTrue(notices().contains("Refresh failed"), notices());
        assertTrue(text(By.id("history")).contains("Refresh failed"));
        assertEquals("1", text(By.id("failure-count")));
        provider.clear(request().withPath(ACTON_TOKEN), ClearType.EXPECTATIONS);
        tokenEndpoint(ACTON_TOKEN, "{\"access_token\": \"acton-access-2\", \"refresh_token\": \"acton-refresh-2\", \"expires_in\": 7200}");
        clickAndWait(By.id("actions:refresh"));
        assertTrue(notices().contains("Credentials refreshed"), notices());
        assertEquals("0", text(By.id("failure-count")));
        provider.clear(request().withPath(ACTON_TOKEN), ClearType.EXPECTATIONS);

        WebElement name = browser.findElement(By.id("edit:name"));
        name.clear();
        name.sendKeys("Newsletter sync (weekly)");
        WebElement tags = browser.findElement(By.id("edit:tags"));
        tags.clear();
        tags.sendKeys("marketing, weekly , weekly");
        clickAndWait(By.id("edit:save"));
        assertTrue(notices().contains("Saved"), notices());
        assertTrue(text(By.id("instance-name")).contains("Newsletter sync (weekly)"));
        assertEquals("marketing, weekly", browser.findElement(By.id("edit:tags")).getAttribute("value"));
        assertEquals(List.of("marketing", "weekly"), apiTags(fixture.newsletter()).stream().sorted().toList());
    }

    @Test
    @Order(6)
    void deletingAsksForConfirmationFirst() {
        signIn();
        open("instance.xhtml?id=" + fixture.partner());
        clickAndWait(By.id("actions:askDelete"));
        assertTrue(text(By.id("confirm-delete")).contains("Delete “Partner feed”?"));
        clickAndWait(By.id("confirm:cancelDelete"));
        assertTrue(browser.findElements(By.id("confirm-delete")).isEmpty());
        assertEquals(200, hub.get("instances/" + fixture.partner(), fixture.auth()).status(), "cancel keeps it");

        clickAndWait(By.id("actions:askDelete"));
        clickAndWait(By.id("confirm:confirmDelete"));
        assertTrue(browser.getCurrentUrl().contains("/console/instances.xhtml"), browser.getCurrentUrl());
        assertTrue(notices().contains("Deleted “Partner feed”"), notices());
        assertFalse(tableNames().contains("Partner feed"));
        assertEquals(404, hub.get("instances/" + fixture.partner(), fixture.auth()).status());
    }

    @Test
    @Order(7)
    void anotherOrganizationsInstanceIsNotFound() throws Exception {
        signIn();
        open("instance.xhtml?id=" + fixture.foreign());
        assertTrue(text(By.id("not-found")).contains("Instance not found"));
        assertFalse(browser.getPageSource().contains(fixture.foreignName()));
        assertEquals(404, getWithSession("instance.xhtml?id=" + fixture.foreign()).statusCode());
        assertEquals(200, getWithSession("instance.xhtml?id=" + fixture.storefront()).statusCode());

        open("instance.xhtml?id=not-a-number");
        assertTrue(text(By.id("not-found")).contains("Instance not found"));
        open("element.xhtml?key=no-such-element");
        assertTrue(text(By.id("not-found")).contains("Element not found"));
    }

    @Test
    @Order(8)
    void theElementCatalogSearchesByNameAndHub() throws Exception {
        signIn();
        open("elements.xhtml");
        List<WebElement> cards = browser.findElements(By.cssSelector(".element-card"));
        assertEquals(shippedElementCount(), cards.size(), "one card per shipped element");
        screenshot("elements");

        browser.findElement(By.id("filters:q")).sendKeys("insta");
        clickAndWait(By.id("filters:apply"));
        assertEquals(List.of("instagram"), browser.findElements(By.cssSelector(".element-card")).stream()
                .map(c -> c.getAttribute("data-element-key")).toList());

        clickAndWait(By.id("clear"));
        filter("hub", "Ecommerce");
        clickAndWait(By.id("filters:apply"));
        assertEquals(shippedKeysOfHub("ecommerce"), browser.findElements(By.cssSelector(".element-card")).stream()
                .map(c -> c.getAttribute("data-element-key")).sorted().toList(), browser.getCurrentUrl() + " " + notices());

        open("elements.xhtml");
        clickAndWait(By.cssSelector(".element-card[data-element-key='acton'] a"));
        assertTrue(text(By.id("element-name")).contains("Act-On"));
        assertEquals("OAuth 2.0", text(By.id("authentication")));
        assertFalse(browser.findElements(By.cssSelector("#configuration tr[data-config-key='oauth.api.key']")).isEmpty());
        assertTrue(text(By.id("configuration")).contains("Required"));
        screenshot("element");
    }

    /** The elements the catalog's index lists: one card each, as long as no organization adds its own. */
    private static long shippedElementCount() throws java.io.IOException {
        try (java.io.InputStream index = ConsoleIT.class.getResourceAsStream("/elements/catalog/index.txt")) {
            assertNotNull(index, "elements/catalog/index.txt is on the classpath");
            return new String(index.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).count();
        }
    }

    @Test
    @Order(9)
    void consoleErrorsAreFriendlyHtmlAndTheApiKeepsJson() throws Exception {
        signIn();
        open("no-such-page.xhtml");
        assertTrue(browser.getPageSource().contains("Page not found"), browser.getPageSource());
        assertFalse(browser.getPageSource().contains("Exception"), "never a stack trace");
        assertNotNull(browser.findElement(By.linkText("Back to the console")));
        HttpResponse<String> page = getWithSession("no-such-page.xhtml");
        assertEquals(404, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));

        var api = hub.get("/elements/no-such-path", null);
        assertEquals(404, api.status());
        assertNotNull(api.json().getString("requestId"), "outside the console errors stay JSON");
        assertEquals(200, hub.get("elements/keys", fixture.auth()).status(), "the api-v2 application is unaffected");
        assertTrue(hub.get("elements/keys", fixture.auth()).header("Set-Cookie").isEmpty(), "the API never opens a session");
    }

    @Test
    @Order(10)
    void anExpiredViewLeadsBackToLogin() {
        signIn();
        open("instance.xhtml?id=" + fixture.storefront());
        String first = browser.getWindowHandle();
        // In a second tab: sign out and in again. The first tab's form now belongs to a dead session.
        browser.switchTo().newWindow(WindowType.TAB);
        open("dashboard.xhtml");
        clickAndWait(By.id("signOut:signOutButton"));
        typeSecrets(fixture.organizationSecret(), fixture.userSecret());
        browser.close();
        browser.switchTo().window(first);

        clickAndWait(By.id("actions:toggle"));
        assertTrue(browser.getCurrentUrl().contains("/console/login.xhtml?expired=true"), browser.getCurrentUrl());
        assertTrue(notices().contains("Your session has expired"), notices());
        assertFalse(hub.get("instances/" + fixture.storefront(), fixture.auth()).json().getBoolean("disabled"),
                "the stale form changed nothing");
    }

    @Test
    @Order(11)
    void signingOutEndsTheSession() throws Exception {
        signIn();
        String copied = SESSION_COOKIE + "=" + browser.manage().getCookieNamed(SESSION_COOKIE).getValue();
        assertEquals(200, plainGet("dashboard.xhtml", copied).statusCode(), "the copy works while the session does");
        clickAndWait(By.id("signOut:signOutButton"));
        // Not only this browser's cookie is gone: a copy taken before opens nothing, on any node.
        HttpResponse<String> replayed = plainGet("dashboard.xhtml", copied);
        assertEquals(302, replayed.statusCode());
        assertTrue(replayed.headers().firstValue("Location").orElse("").contains("/console/login.xhtml"));
        assertTrue(browser.getCurrentUrl().contains("/console/login.xhtml"));
        assertTrue(notices().contains("You have signed out"), notices());
        for (String page : List.of("dashboard.xhtml", "instances.xhtml", "instance.xhtml?id=" + fixture.storefront(),
                "elements.xhtml", "element.xhtml?key=acton", "")) {
            open(page);
            assertTrue(browser.getCurrentUrl().contains("/console/login.xhtml"), page + " -> " + browser.getCurrentUrl());
        }
        assertFalse(browser.getPageSource().contains("Storefront feed"));
    }

    /** Signs the browser in with the given secrets (a fresh session) and lands on the dashboard. */
    private void signInAs(String organizationSecret, String userSecret) {
        browser.manage().deleteAllCookies();
        open("login.xhtml");
        typeSecrets(organizationSecret, userSecret);
        assertTrue(browser.getCurrentUrl().contains("/console/dashboard.xhtml"), browser.getCurrentUrl());
    }

    private WebElement userRow(long userId) {
        return browser.findElement(By.cssSelector("#user-table tr[data-user-id='" + userId + "']"));
    }

    private String revealedSecret() {
        String secret = text(By.id("new-secret-value")).strip();
        assertTrue(text(By.id("new-secret")).contains("it is not shown again"), text(By.id("new-secret")));
        return secret;
    }

    @Test
    @Order(14)
    void theOrganizationPageRotatesSecretsAndRemovesUsersAndEndsRevokedSessions() throws Exception {
        // An organization of its own: the fixture's secrets stay as the other tests know them.
        JsonObject created = newOrganization("Acme Secrets");
        String organizationSecret = created.getJsonObject("organization").getString("secret");
        String adminSecret = created.getJsonObject("user").getString("secret");
        long adminId = created.getJsonObject("user").getJsonNumber("id").longValue();
        var added = hub.post("organizations/users", "{\"emailAddress\": \"grace@example.com\", \"firstName\": \"Grace\"}",
                HubClient.auth(adminSecret, organizationSecret));
        assertEquals(200, added.status(), added::toString);
        String memberSecret = added.json().getString("secret");
        long memberId = added.json().getJsonNumber("id").longValue();

        // The member's own console session, kept aside to see it end.
        signInAs(organizationSecret, memberSecret);
        open("organization.xhtml");
        assertTrue(text(By.id("organization-summary")).contains("you are a member"));
        assertTrue(browser.findElements(By.id("own:rotateOrganization")).isEmpty(), "members cannot rotate the organization secret");
        assertTrue(userRow(adminId).findElements(By.cssSelector("input")).isEmpty(), "members get no actions on others");
        String memberSession = sessionCookie().getName() + "=" + sessionCookie().getValue();

        // The administrator: the page is in the navigation and lists both users.
        signInAs(organizationSecret, adminSecret);
        clickAndWait(By.id("nav-organization"));
        assertTrue(browser.getCurrentUrl().contains("/console/organization.xhtml"), browser.getCurrentUrl());
        assertEquals("Administrator", userRow(adminId).findElement(By.cssSelector(".user-role")).getText());
        assertEquals("Member", userRow(memberId).findElement(By.cssSelector(".user-role")).getText());
        assertTrue(userRow(memberId).getText().contains("grace@example.com"));
        assertTrue(browser.findElements(By.id("new-secret")).isEmpty());

        // Rotating the member's secret: shown once, the old one refused, and the member's session ends.
        clickAndWait(By.cssSelector("#user-table tr[data-user-id='" + memberId + "'] input[value='Rotate secret']"));
        String newMemberSecret = revealedSecret();
        screenshot("organization");
        assertEquals(401, hub.get("elements/keys", HubClient.auth(memberSecret, organizationSecret)).status());
        assertEquals(200, hub.get("elements/keys", HubClient.auth(newMemberSecret, organizationSecret)).status());
        HttpResponse<String> ended = plainGet("dashboard.xhtml", memberSession);
        assertEquals(302, ended.statusCode());
        assertTrue(ended.headers().firstValue("Location").orElse("").contains("/console/login.xhtml?revoked=true"),
                ended.headers().toString());
        assertTrue(ended.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.contains("Max-Age=0")),
                "the revoked cookie is cleared: " + ended.headers().allValues("Set-Cookie"));
        open("organization.xhtml");
        assertTrue(browser.findElements(By.id("new-secret")).isEmpty(), "a reload never shows the secret again");
        assertFalse(browser.getPageSource().contains(newMemberSecret));

        // A forged form (no plugboard-csrf token, as from another site) rotates nothing.
        HttpResponse<String> forged = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                withCookie(HttpRequest.newBuilder(URI.create(console("organization.xhtml"))),
                        sessionCookie().getName() + "=" + sessionCookie().getValue())
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "own=own&own%3ArotateOrganization=Rotate&jakarta.faces.ViewState=stateless")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, forged.statusCode(), forged::body);
        assertFalse(forged.body().contains("new-secret-value"), "no secret from a forged form");
        assertEquals(200, hub.get("elements/keys", HubClient.auth(adminSecret, organizationSecret)).status(),
                "the organization secret is unchanged");

        // Rotating one's own secret: shown once; this session carries on, the old secret is refused.
        signInAs(organizationSecret, adminSecret);
        open("organization.xhtml");
        clickAndWait(By.id("own:rotateOwn"));
        assertTrue(text(By.id("new-secret-title")).contains("Your new user secret"));
        String newAdminSecret = revealedSecret();
        assertEquals(401, hub.get("elements/keys", HubClient.auth(adminSecret, organizationSecret)).status());
        open("dashboard.xhtml");
        assertTrue(browser.getCurrentUrl().contains("/console/dashboard.xhtml"), "this session continues: " + browser.getCurrentUrl());

        // Rotating the organization secret: the same, for every user of the organization.
        open("organization.xhtml");
        clickAndWait(By.id("own:rotateOrganization"));
        assertTrue(text(By.id("new-secret-title")).contains("organization secret"));
        String newOrganizationSecret = revealedSecret();
        assertEquals(401, hub.get("elements/keys", HubClient.auth(newAdminSecret, organizationSecret)).status());
        assertEquals(200, hub.get("elements/keys", HubClient.auth(newAdminSecret, newOrganizationSecret)).status());
        assertEquals(200, hub.get("elements/keys", HubClient.auth(newMemberSecret, newOrganizationSecret)).status());
        open("organization.xhtml");
        assertTrue(browser.getCurrentUrl().contains("/console/organization.xhtml"), browser.getCurrentUrl());

        // Removing asks first; cancel keeps the user, confirm removes them.
        clickAndWait(By.cssSelector("#user-table tr[data-user-id='" + memberId + "'] input[value='Remove…']"));
        assertTrue(text(By.id("confirm-remove")).contains("Remove grace@example.com?"));
        clickAndWait(By.id("confirm:cancelRemove"));
        assertTrue(browser.findElements(By.id("confirm-remove")).isEmpty());
        assertEquals(200, hub.get("elements/keys", HubClient.auth(newMemberSecret, newOrganizationSecret)).status());
        clickAndWait(By.cssSelector("#user-table tr[data-user-id='" + memberId + "'] input[value='Remove…']"));
        clickAndWait(By.id("confirm:confirmRemove"));
        assertTrue(notices().contains("Removed grace@example.com"), notices());
        assertTrue(browser.findElements(By.cssSelector("#user-table tr[data-user-id='" + memberId + "']")).isEmpty());
        assertEquals(401, hub.get("elements/keys", HubClient.auth(newMemberSecret, newOrganizationSecret)).status());

        // The last administrator stays.
        clickAndWait(By.cssSelector("#user-table tr[data-user-id='" + adminId + "'] input[value='Remove…']"));
        clickAndWait(By.id("confirm:confirmRemove"));
        assertTrue(notices().contains("last administrator"), notices());
        assertEquals(200, hub.get("elements/keys", HubClient.auth(newAdminSecret, newOrganizationSecret)).status());

        // Signed in with the old organization secret elsewhere: that session has ended too.
        signInAs(newOrganizationSecret, newAdminSecret);
        String current = sessionCookie().getName() + "=" + sessionCookie().getValue();
        assertEquals(200, plainGet("organization.xhtml", current).statusCode());
        assertFalse(TestEnvironment.serverLogText().contains(newOrganizationSecret), "never in the server log");
        assertFalse(TestEnvironment.serverLogText().contains(newMemberSecret), "never in the server log");
    }

    @Test
    @Order(12)
    void aSessionNeedsNoServerMemoryAnyNodeWithTheKeyServesIt() throws Exception {
        // A cookie minted here, outside the server, from the key every node shares: the server has
        // never seen this session, so a session kept in one JVM's memory could not pass this test.
        ConsoleSessionCodec shared = codec(sharedEncryptionKey());
        String minted = SESSION_COOKIE + "=" + shared.encode(mintSession(shared, fixture.organizationId(), fixture.userId()));
        HttpResponse<String> dashboard = plainGet("dashboard.xhtml", minted);
        assertEquals(200, dashboard.statusCode(), dashboard::body);
        assertTrue(dashboard.body().contains("Ada Lovelace"), dashboard.body());
        assertNoHttpSession(dashboard);
        HttpResponse<String> instance = plainGet("instance.xhtml?id=" + fixture.storefront(), minted);
        assertEquals(200, instance.statusCode());
        assertTrue(instance.body().contains("Storefront feed"));
        assertNoHttpSession(instance);

        // A cookie signed with another key, or altered to name another organization's user, opens nothing.
        byte[] otherKey = new byte[32];
        new java.security.SecureRandom().nextBytes(otherKey);
        ConsoleSessionCodec foreign = codec(otherKey);
        String foreignKey = SESSION_COOKIE + "=" + foreign.encode(mintSession(foreign, fixture.organizationId(), fixture.userId()));
        HttpResponse<String> refused = plainGet("dashboard.xhtml", foreignKey);
        assertEquals(302, refused.statusCode());
        assertTrue(refused.headers().firstValue("Location").orElse("").endsWith("/console/login.xhtml?expired=true"));
        assertTrue(refused.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith(SESSION_COOKIE + "=;")
                && c.contains("Max-Age=0")), "the bad cookie is cleared: " + refused.headers().allValues("Set-Cookie"));
        String[] parts = minted.substring(SESSION_COOKIE.length() + 1).split("\\.");
        parts[3] = String.valueOf(fixture.foreignUserId());
        assertEquals(302, plainGet("dashboard.xhtml", SESSION_COOKIE + "=" + String.join(".", parts)).statusCode(), "tampered");
        // Genuinely signed, but for a user of another organization with the fixture's secrets: not current.
        String wrongUser = SESSION_COOKIE + "=" + shared.encode(mintSession(shared, fixture.organizationId(), fixture.foreignUserId()));
        assertEquals(302, plainGet("dashboard.xhtml", wrongUser).statusCode(), "the user is not in that organization");
        // Signed, for the right user, but bound to other secrets (as after a rotation): not current.
        String rotated = SESSION_COOKIE + "=" + shared.encode(shared.start(fixture.organizationId(), fixture.userId(),
                shared.credentialsVersion(BearerSecrets.digest(fixture.organizationSecret()), BearerSecrets.digest("old secret"))));
        assertEquals(302, plainGet("dashboard.xhtml", rotated).statusCode(), "a session from before a secret change");

        // Behind a TLS-terminating proxy that says so, the cookie is Secure.
        String secure = sessionSetCookie(signInOverHttp(null, "X-Forwarded-Proto", "https"));
        assertTrue(secure.contains("; Secure"), secure);

        // In the browser: pages and posts work, and no server session cookie ever appears.
        signIn();
        open("instance.xhtml?id=" + fixture.support());
        clickAndWait(By.id("actions:toggle"));
        assertTrue(text(By.id("instance-status")).contains("Disabled"));
        clickAndWait(By.id("actions:toggle"));
        assertTrue(text(By.id("instance-status")).contains("Valid"));
        open("elements.xhtml");
        List<String> names = browser.manage().getCookies().stream().map(Cookie::getName).toList();
        assertTrue(names.contains(SESSION_COOKIE), names::toString);
        assertFalse(names.stream().anyMatch(n -> n.equalsIgnoreCase("JSESSIONID")), names::toString);
        assertEquals("/elements/console", browser.manage().getCookieNamed(SESSION_COOKIE).getPath());
    }

    @Test
    @Order(13)
    void aPostWithoutTheSessionsCsrfTokenChangesNothing() throws Exception {
        ConsoleSessionCodec shared = codec(sharedEncryptionKey());
        ConsoleSession mine = mintSession(shared, fixture.organizationId(), fixture.userId());
        String cookie = SESSION_COOKIE + "=" + shared.encode(mine);
        String token = csrfToken(plainGet("instance.xhtml?id=" + fixture.storefront(), cookie).body());
        assertEquals(shared.csrfToken(mine), token, "every form carries the session's token");
        assertFalse(disabled(fixture.storefront()));

        // A cross-site form: the browser sends the cookie (were it not SameSite), but the page cannot know the token.
        HttpResponse<String> noToken = postToggle(cookie, fixture.storefront(), null);
        assertEquals(403, noToken.statusCode(), noToken::body);
        assertFalse(disabled(fixture.storefront()), "no token: nothing changed");
        HttpResponse<String> forged = postToggle(cookie, fixture.storefront(), mine.id() + "." + "A".repeat(43));
        assertEquals(403, forged.statusCode());
        assertFalse(disabled(fixture.storefront()), "a forged token: nothing changed");
        // Another session's genuine token (an attacker's own): a stale form, back to the login page.
        String theirs = shared.csrfToken(mintSession(shared, fixture.organizationId(), fixture.userId()));
        HttpResponse<String> other = postToggle(cookie, fixture.storefront(), theirs);
        assertEquals(302, other.statusCode());
        assertTrue(other.headers().firstValue("Location").orElse("").endsWith("/console/login.xhtml?expired=true"));
        assertFalse(disabled(fixture.storefront()), "another session's token: nothing changed");

        // With its own token the same post works, from a client that holds nothing but the cookie.
        HttpResponse<String> done = postToggle(cookie, fixture.storefront(), token);
        assertEquals(200, done.statusCode(), done::body);
        assertNoHttpSession(done);
        assertTrue(disabled(fixture.storefront()), "the genuine post took effect");
        assertTrue(postToggle(cookie, fixture.storefront(), token).statusCode() == 200 && !disabled(fixture.storefront()),
                "enabled again");

        // The sign-out form is protected too: without the token it signs nobody out.
        HttpResponse<String> signOut = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(console("dashboard.xhtml")))
                .header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("signOut=signOut&signOut%3AsignOutButton=Sign+out"
                        + "&jakarta.faces.ViewState=stateless")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, signOut.statusCode());
        assertTrue(signOut.headers().allValues("Set-Cookie").isEmpty(), signOut.headers()::toString);
    }

    @Test
    void theInstancePageTurnsEventsOnShowsThePollerAndRedeliversAQueuedEvent() throws Exception {
        long support = fixture.support();
        String callbackPath = "/console-app/events";
        provider.when(request().withMethod("POST").withPath(callbackPath)).respond(response().withStatusCode(200));
        var withCallback = hub.send("PATCH", "instances/" + support, "{\"configuration\": {\"event.notification.callback.url\": \""
                + TestEnvironment.mockServerUrl() + callbackPath + "\", \"event.objects\": \"contacts\"}}", "application/json", fixture.auth());
        assertEquals(200, withCallback.status(), withCallback::toString);

        signIn();
        open("instance.xhtml?id=" + support);
        assertTrue(text(By.id("events-state")).startsWith("Off"), text(By.id("events-state")));
        clickAndWait(By.id("eventActions:toggleEvents"));
        assertTrue(notices().contains("Events are on"), notices());
        assertTrue(text(By.id("events-state")).contains("On, by polling"), text(By.id("events-state")));
        assertTrue(hub.get("instances/" + support, fixture.auth()).json().getBoolean("eventsEnabled"));

        // Nothing answers the contacts list here, so the first poll fails, and the page says so.
        long deadline = System.currentTimeMillis() + 15_000;
        while (hub.get("instances/" + support + "/events/poller", fixture.auth()).json().getString("lastError", null) == null
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        String lastError = hub.get("instances/" + support + "/events/poller", fixture.auth()).json().getString("lastError");
        open("instance.xhtml?id=" + support);
        assertTrue(text(By.id("poll-error")).contains(lastError), text(By.id("poll-error")));

        long organization = TestDatabase.number("SELECT organization_id FROM instance WHERE id = " + support);
        long eventId = TestDatabase.number("SELECT nextval('provider_event_seq')");
        String now = "TIMESTAMP WITH TIME ZONE '" + java.time.OffsetDateTime.now() + "'";
        TestDatabase.execute(("INSERT INTO provider_event (id, organization_id, instance_id, element_key, origin, status,"
                + " webhook_id, changes, raw, attempts, next_attempt_at, received_at, updated_at) VALUES (%d, %d, %d, 'base',"
                + " 'POLLING', 'QUEUED', '%s', '[{\"objectType\":\"contacts\",\"objectId\":\"7\",\"eventType\":\"CREATED\","
                + "\"elementKey\":\"base\",\"date\":\"2026-12-01T10:00:00Z\"}]', '{}', 10, NULL, %s, %s)")
                .formatted(eventId, organization, support, UUID.randomUUID(), now, now));
        open("instance.xhtml?id=" + support);
        String row = text(By.cssSelector("tr[data-event-id='" + eventId + "']"));
        assertTrue(row.contains("Queued") && row.contains("CREATED contacts 7"), row);
        clickAndWait(By.cssSelector("tr[data-event-id='" + eventId + "'] button[type='submit']"));
        assertTrue(notices().contains("on its way again"), () -> "notices: " + notices() + "; page: " + browser.getPageSource());
        deadline = System.currentTimeMillis() + 15_000;
        while (!"NOTIFIED".equals(hub.get("instances/" + support + "/events/" + eventId, fixture.auth()).json().getString("status"))
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        assertEquals("NOTIFIED", hub.get("instances/" + support + "/events/" + eventId, fixture.auth()).json().getString("status"));
        screenshot("instance-events");

        clickAndWait(By.id("eventActions:toggleEvents"));
        assertTrue(notices().contains("Events are off"), notices());
        assertFalse(hub.get("instances/" + support, fixture.auth()).json().getBoolean("eventsEnabled"));
    }

    @Test
    void theConnectWizardProvisionsThroughTheHostedFlow() throws Exception {
        // The provider's authorize page: it signs the user in and sends the browser straight back
        // to the hub's callback with a code and the state it was given.
        provider.when(request().withMethod("GET").withPath("/api.instagram.com/oauth/authorize"))
                .respond(HttpTemplate.template(HttpTemplate.TemplateType.VELOCITY, """
                        {"statusCode": 302, "headers": {"Location": ["$!request.queryStringParameters['redirect_uri'][0]?code=wizard-code&state=$!request.queryStringParameters['state'][0]"]}}
                        """));
        provider.clear(request().withPath(INSTAGRAM_TOKEN), ClearType.ALL);
        tokenEndpoint(INSTAGRAM_TOKEN, "{\"access_token\": \"wizard-access\"}");
        signIn();
        open("element.xhtml?key=instagram");
        clickAndWait(By.id("connect"));
        assertTrue(text(By.id("connect-title")).contains("Instagram"));
        screenshot("connect");
        browser.findElement(By.id("field-oauth.api.key")).sendKeys("wizard-client");
        browser.findElement(By.id("field-oauth.api.secret")).sendKeys("wizard-secret");
        browser.findElement(By.id("wizard:name")).sendKeys("Wizard feed");
        clickAndWait(By.id("wizard:start"));
        screenshot("connect-ready");
        browser.findElement(By.id("go-to-provider")).click();
        new WebDriverWait(browser, WAIT).until(d -> d.getCurrentUrl().contains("/console/connected.xhtml"));
        assertTrue(browser.getCurrentUrl().contains("instanceId="), browser.getCurrentUrl());
        assertTrue(text(By.id("connected")).contains("Connected"));

        org.mockserver.model.HttpRequest exchange = provider.retrieveRecordedRequests(request().withPath(INSTAGRAM_TOKEN))[0];
        String form = exchange.getBodyAsString();
        assertTrue(form.contains("code=wizard-code") && form.contains("code_verifier="), "PKCE verifier sent: " + form);
        assertTrue(form.contains("client_id=wizard-client"));
        clickAndWait(By.id("open-instance"));
        assertTrue(browser.getPageSource().contains("Wizard feed"));
        assertFalse(browser.getPageSource().contains("wizard-secret"), "the client secret is never shown");
        String instancePage = browser.getCurrentUrl();
        String instanceId = instancePage.replaceAll(".*[?&]id=(\\d+).*", "$1");

        // Re-authenticate renews this instance in place, with the stored client credentials.
        provider.clear(request().withPath(INSTAGRAM_TOKEN), ClearType.ALL);
        tokenEndpoint(INSTAGRAM_TOKEN, "{\"access_token\": \"wizard-access-2\"}");
        clickAndWait(By.id("reauthenticate"));
        assertTrue(text(By.id("connect-title")).contains("Re-authenticate Wizard feed"), text(By.id("connect-title")));
        assertTrue(text(By.cssSelector(".breadcrumb")).startsWith("Instances"), text(By.cssSelector(".breadcrumb")));
        screenshot("reauthenticate");
        clickAndWait(By.id("wizard:start"));
        browser.findElement(By.id("go-to-provider")).click();
        new WebDriverWait(browser, WAIT).until(d -> d.getCurrentUrl().contains("/console/connected.xhtml"));
        assertTrue(browser.getCurrentUrl().endsWith("instanceId=" + instanceId), browser.getCurrentUrl());
        String renewal = provider.retrieveRecordedRequests(request().withPath(INSTAGRAM_TOKEN))[0].getBodyAsString();
        assertTrue(renewal.contains("client_id=wizard-client") && renewal.contains("client_secret=wizard-secret"), renewal);
        clickAndWait(By.id("open-instance"));
        assertTrue(text(By.id("history")).contains("Re-authenticated"), text(By.id("history")));
    }

    /** The shipped elements' keys, sorted, of one hub or (null) of all: read from the catalog index and files. */
    private static List<String> shippedKeysOfHub(String hub) throws IOException {
        List<String> keys = new java.util.ArrayList<>();
        for (String file : resourceText("/elements/catalog/index.txt").lines().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList()) {
            JsonObject element = jakarta.json.Json.createReader(new java.io.StringReader(resourceText("/elements/catalog/" + file)))
                    .readObject();
            if (hub == null || hub.equals(element.getString("hub"))) {
                keys.add(element.getString("key"));
            }
        }
        return keys.stream().sorted().toList();
    }

    private static String resourceText(String name) throws IOException {
        try (java.io.InputStream in = ConsoleIT.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
