package io.plugboard.platform.control;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SSRF vectors of the issue, each refused before anything is sent. */
class EgressGuardTest {

    EgressGuard guard;

    @BeforeEach
    void setUp() {
        guard = new EgressGuard();
        guard.allowList = Optional.of("stand-in.local:8443, localhost:18090");
    }

    private EgressGuard.Verdict check(String url) {
        return guard.check(URI.create(url), false);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://2852039166/latest/meta-data",     // 169.254.169.254 as one decimal number
            "https://0177.0.0.1/",                     // octal loopback
            "https://0x7f.0.0.1/",                     // hex loopback
            "https://0x7f000001/",
            "https://127.1/",                          // short form
            "https://localhost./",                     // trailing dot resolves to loopback
            "https://localhost/",
            "https://[::ffff:7f00:1]/",                // IPv4-mapped loopback
            "https://[::ffff:a9fe:a9fe]/",             // IPv4-mapped metadata address
            "https://[::1]/",
            "https://[fd00::1]/",                      // unique-local
            "https://[fe80::1]/",                      // link-local
            "https://10.0.0.1/",
            "https://172.16.5.4/",
            "https://192.168.1.1/",
            "https://169.254.169.254/latest/meta-data",
            "https://100.64.0.1/",                     // CGNAT
            "https://0.0.0.0/",
            "https://127.0.0.1/",
            "https://224.0.0.1/"})
    void privateAndObfuscatedDestinationsAreRefused(String url) {
        assertInstanceOf(EgressGuard.Verdict.Refused.class, check(url), url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "gopher://example.com/", "ftp://example.com/", "jar:file:/x!/y"})
    void otherSchemesAreRefused(String url) {
        assertInstanceOf(EgressGuard.Verdict.Refused.class, guard.check(URI.create(url), true), url);
    }

    @Test
    void plainHttpNeedsTheElementsPermission() {
        assertInstanceOf(EgressGuard.Verdict.Refused.class, guard.check(URI.create("http://93.184.215.14/"), false));
        assertInstanceOf(EgressGuard.Verdict.Allowed.class, guard.check(URI.create("http://93.184.215.14/"), true));
    }

    @Test
    void publicAddressesPass() {
        assertInstanceOf(EgressGuard.Verdict.Allowed.class, check("https://93.184.215.14/v1/items?q=1"));
        assertInstanceOf(EgressGuard.Verdict.Allowed.class, check("https://[2606:2800:220:1::1]/"));
    }

    @Test
    void credentialsInTheUrlAreRefused() {
        assertInstanceOf(EgressGuard.Verdict.Refused.class, check("https://user:pass@93.184.215.14/"));
    }

    @Test
    void allowListedDestinationsPassEntirelyButOnlyOnTheirPort() {
        assertInstanceOf(EgressGuard.Verdict.Allowed.class, guard.check(URI.create("http://localhost:18090/token"), false));
        assertInstanceOf(EgressGuard.Verdict.Refused.class, guard.check(URI.create("http://localhost:22/"), true));
        assertInstanceOf(EgressGuard.Verdict.Refused.class, guard.check(URI.create("http://127.0.0.1:18090/"), true),
                "the allow list names hosts, not the addresses they resolve to");
    }

    @Test
    void theResolverAppliesTheSameRulesAtConnectTime() throws UnknownHostException {
        assertThrows(EgressGuard.EgressRefusedException.class, () -> guard.resolve("127.0.0.1"));
        assertThrows(EgressGuard.EgressRefusedException.class, () -> guard.resolve("0x7f.0.0.1"));
        assertThrows(EgressGuard.EgressRefusedException.class, () -> guard.resolve("[::ffff:7f00:1]"));
        assertArrayEquals(InetAddress.getAllByName("localhost"), guard.resolve("localhost"), "allow-listed host");
        assertTrue(guard.resolve("93.184.215.14").length > 0);
    }

    @Test
    void addressClassification() throws UnknownHostException {
        assertTrue(EgressGuard.isForbidden(InetAddress.getByName("100.127.255.255")));
        assertFalse(EgressGuard.isForbidden(InetAddress.getByName("100.128.0.1")));
        assertTrue(EgressGuard.isForbidden(InetAddress.getByName("198.18.0.1")));
        assertTrue(EgressGuard.isForbidden(InetAddress.getByName("255.255.255.255")));
        assertTrue(EgressGuard.isForbidden(InetAddress.getByName("2002:7f00:1::")), "6to4 wraps an IPv4 address");
        assertFalse(EgressGuard.isForbidden(InetAddress.getByName("8.8.8.8")));
    }
}
