package io.plugboard.tokens.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptionKeysTest {

    static byte[] bytes(int seed, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (seed * 31 + i * 7);
        }
        return b;
    }

    static String key(int seed) {
        return Base64.getEncoder().encodeToString(bytes(seed, 32));
    }

    static String expectedId(byte[] raw) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(raw);
        return HexFormat.of().formatHex(Arrays.copyOf(digest, 8));
    }

    /** Keys with nothing configured; the data directory defaults to a path that must never be used. */
    static EncryptionKeys keys(String current, String previous, String dbUrl, Path dataDir) {
        EncryptionKeys keys = new EncryptionKeys();
        keys.configuredKey = Optional.ofNullable(current);
        keys.previousKeys = Optional.ofNullable(previous);
        keys.databaseUrl = Optional.ofNullable(dbUrl);
        keys.dataDirectory = dataDir == null ? "/nonexistent/plugboard-test-must-not-be-used" : dataDir.toString();
        return keys;
    }

    @Test
    void configuredKeyIsCurrent() throws Exception {
        EncryptionKeys keys = keys(key(1), null, null, null);
        EncryptionKeys.Key current = keys.current();
        assertArrayEqualsBytes(bytes(1, 32), current.secret().getEncoded());
        assertEquals("AES", current.secret().getAlgorithm());
        assertEquals(expectedId(bytes(1, 32)), current.id());
        assertEquals(Optional.of(current), keys.byId(current.id()));
        assertEquals(1, keys.all().size());
    }

    @Test
    void configuredKeyIsStripped() {
        EncryptionKeys keys = keys("  " + key(1) + "\n", null, null, null);
        assertEquals(keys(key(1), null, null, null).current().id(), keys.current().id());
    }

    @Test
    void keyIdIsSixteenHexCharsStableAndDistinct() {
        String id1 = keys(key(1), null, null, null).current().id();
        String id1again = keys(key(1), null, null, null).current().id();
        String id2 = keys(key(2), null, null, null).current().id();
        assertTrue(id1.matches("[0-9a-f]{16}"), id1);
        assertTrue(id2.matches("[0-9a-f]{16}"), id2);
        assertEquals(id1, id1again);
        assertNotEquals(id1, id2);
    }

    @Test
    void keyIdRevealsNoKeyMaterial() {
        EncryptionKeys.Key k = keys(key(1), null, null, null).current();
        assertFalse(key(1).contains(k.id()));
        assertFalse(HexFormat.of().formatHex(bytes(1, 32)).contains(k.id()));
        assertEquals("Key[" + k.id() + "]", k.toString());
    }

    @Test
    void previousKeysAreFoundByIdAndBlanksIgnored() {
        String previous = " " + key(2) + " , ,," + key(3) + ",  ";
        EncryptionKeys keys = keys(key(1), previous, null, null);
        String id1 = keys(key(1), null, null, null).current().id();
        String id2 = keys(key(2), null, null, null).current().id();
        String id3 = keys(key(3), null, null, null).current().id();

        assertEquals(id1, keys.current().id(), "the current key stays the configured one");
        assertEquals(id2, keys.byId(id2).orElseThrow().id());
        assertEquals(id3, keys.byId(id3).orElseThrow().id());
        assertArrayEqualsBytes(bytes(2, 32), keys.byId(id2).orElseThrow().secret().getEncoded());
        assertArrayEqualsBytes(bytes(3, 32), keys.byId(id3).orElseThrow().secret().getEncoded());
        assertEquals(3, keys.all().size());
        assertEquals(java.util.Set.of(id1, id2, id3), keys.all().keySet());
        assertTrue(keys.byId("0000000000000000").isEmpty());
    }

    @Test
    void blankPreviousListIsNoPreviousKey() {
        EncryptionKeys keys = keys(key(1), "   ", null, null);
        assertEquals(1, keys.all().size());
    }

    @Test
    void previousKeyEqualToCurrentDoesNotReplaceIt() {
        EncryptionKeys keys = keys(key(1), key(1), null, null);
        assertEquals(1, keys.all().size());
        assertSame(keys.current(), keys.byId(keys.current().id()).orElseThrow());
    }

    @Test
    void allIsUnmodifiable() {
        EncryptionKeys keys = keys(key(1), key(2), null, null);
        Map<String, EncryptionKeys.Key> all = keys.all();
        assertThrows(UnsupportedOperationException.class, () -> all.clear());
    }

    @Test
    void invalidBase64CurrentNamesSettingNotValue() {
        String bad = "this-is-$$-not*base64!!";
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> keys(bad, null, null, null).current());
        assertTrue(e.getMessage().contains("PLUGBOARD_ENCRYPTION_KEY"), e.getMessage());
        assertFalse(e.getMessage().contains(bad), e.getMessage());
        assertFalse(e.getMessage().contains("PLUGBOARD_ENCRYPTION_KEYS_PREVIOUS"), e.getMessage());
    }

    @Test
    void wrongLengthCurrentNamesSettingNotValue() {
        String short16 = Base64.getEncoder().encodeToString(bytes(5, 16));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> keys(short16, null, null, null).current());
        assertTrue(e.getMessage().contains("PLUGBOARD_ENCRYPTION_KEY"), e.getMessage());
        assertTrue(e.getMessage().contains("32"), e.getMessage());
        assertFalse(e.getMessage().contains(short16), e.getMessage());
    }

    @Test
    void tooLongKeyIsRejected() {
        String long64 = Base64.getEncoder().encodeToString(bytes(5, 64));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> keys(long64, null, null, null).current());
        assertFalse(e.getMessage().contains(long64), e.getMessage());
    }

    @Test
    void invalidPreviousKeyNamesPreviousSettingNotValue() {
        String bad = "%%%secret-ish%%%";
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> keys(key(1), key(2) + "," + bad, null, null).current());
        assertTrue(e.getMessage().contains("PLUGBOARD_ENCRYPTION_KEYS_PREVIOUS"), e.getMessage());
        assertFalse(e.getMessage().contains(bad), e.getMessage());
        assertFalse(e.getMessage().contains(key(2)), e.getMessage());
    }

    @Test
    void wrongLengthPreviousKeyNamesPreviousSettingNotValue() {
        String short16 = Base64.getEncoder().encodeToString(bytes(6, 16));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> keys(key(1), short16, null, null).byId("x"));
        assertTrue(e.getMessage().contains("PLUGBOARD_ENCRYPTION_KEYS_PREVIOUS"), e.getMessage());
        assertFalse(e.getMessage().contains(short16), e.getMessage());
    }

    @Test
    void externalDatabaseRequiresConfiguredKey(@TempDir Path dir) {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> keys(null, null, "jdbc:postgresql://db/plugboard", dir).current());
        assertTrue(e.getMessage().contains("PLUGBOARD_ENCRYPTION_KEY"), e.getMessage());
        assertFalse(Files.exists(dir.resolve(EncryptionKeys.KEY_FILE)), "no key may be generated for an external database");
    }

    @Test
    void externalDatabaseWithBlankKeyStillRequiresConfiguredKey(@TempDir Path dir) {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> keys("   ", null, "jdbc:postgresql://db/plugboard", dir).current());
        assertTrue(e.getMessage().contains("PLUGBOARD_ENCRYPTION_KEY"), e.getMessage());
        assertFalse(Files.exists(dir.resolve(EncryptionKeys.KEY_FILE)));
    }

    @Test
    void externalDatabaseWithConfiguredKeyWorks(@TempDir Path dir) {
        EncryptionKeys keys = keys(key(1), null, "jdbc:postgresql://db/plugboard", dir);
        assertEquals(keys(key(1), null, null, null).current().id(), keys.current().id());
        assertFalse(Files.exists(dir.resolve(EncryptionKeys.KEY_FILE)));
    }

    @Test
    void explicitH2FileUrlUsesTheKeyFileLikeTheDefault(@TempDir Path dir) {
        EncryptionKeys keys = keys(null, null, "jdbc:h2:file:" + dir.resolve("plugboard") + ";AUTO_SERVER=TRUE", dir);
        keys.current();
        assertTrue(Files.exists(dir.resolve(EncryptionKeys.KEY_FILE)));
    }

    @Test
    void embeddedDefaultGeneratesProtectedKeyFileAndReusesIt(@TempDir Path dir) throws Exception {
        EncryptionKeys first = keys(null, null, null, dir);
        EncryptionKeys.Key generated = first.current();
        Path file = dir.resolve(EncryptionKeys.KEY_FILE);
        assertTrue(Files.exists(file));
        byte[] raw = Base64.getDecoder().decode(Files.readString(file).strip());
        assertEquals(32, raw.length);
        assertArrayEqualsBytes(raw, generated.secret().getEncoded());
        assertEquals(expectedId(raw), generated.id());
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }

        EncryptionKeys second = keys(null, null, null, dir);
        assertEquals(generated.id(), second.current().id());
        assertArrayEqualsBytes(raw, Base64.getDecoder().decode(Files.readString(file).strip()), "file is not rewritten");
    }

    @Test
    void embeddedDefaultPermissionsAreOwnerOnly(@TempDir Path dir) throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        keys(null, null, null, dir).current();
        assertEquals(PosixFilePermissions.fromString("rw-------"),
                Files.getPosixFilePermissions(dir.resolve(EncryptionKeys.KEY_FILE)));
    }

    @Test
    void embeddedDefaultCreatesMissingDataDirectory(@TempDir Path dir) {
        Path nested = dir.resolve("a/b/data");
        EncryptionKeys keys = keys(null, null, null, nested);
        keys.current();
        assertTrue(Files.exists(nested.resolve(EncryptionKeys.KEY_FILE)));
    }

    @Test
    void blankConfiguredKeyAndBlankDbUrlFallBackToEmbeddedDefault(@TempDir Path dir) {
        EncryptionKeys keys = keys("  ", null, " ", dir);
        String id = keys.current().id();
        assertEquals(id, keys(null, null, null, dir).current().id());
    }

    @Test
    void embeddedDefaultDifferentDirectoriesGetDifferentKeys(@TempDir Path dir) {
        String a = keys(null, null, null, dir.resolve("a")).current().id();
        String b = keys(null, null, null, dir.resolve("b")).current().id();
        assertNotEquals(a, b, "each generated key must be random");
    }

    @Test
    void embeddedDefaultKeepsPreviousKeys(@TempDir Path dir) {
        EncryptionKeys keys = keys(null, key(2), null, dir);
        String id2 = keys(key(2), null, null, null).current().id();
        assertNotEquals(id2, keys.current().id());
        assertTrue(keys.byId(id2).isPresent());
        assertEquals(2, keys.all().size());
    }

    @Test
    void corruptKeyFileFailsWithFileNameNotContent(@TempDir Path dir) throws Exception {
        String content = Base64.getEncoder().encodeToString(bytes(9, 16));
        Files.writeString(dir.resolve(EncryptionKeys.KEY_FILE), content);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> keys(null, null, null, dir).current());
        assertTrue(e.getMessage().contains(EncryptionKeys.KEY_FILE), e.getMessage());
        assertFalse(e.getMessage().contains(content), e.getMessage());
    }

    @Test
    void keysAreLoadedOnce() {
        EncryptionKeys keys = keys(key(1), null, null, null);
        EncryptionKeys.Key first = keys.current();
        keys.configuredKey = Optional.of(key(2));
        assertSame(first, keys.current());
    }

    private static void assertArrayEqualsBytes(byte[] expected, byte[] actual) {
        assertArrayEqualsBytes(expected, actual, null);
    }

    private static void assertArrayEqualsBytes(byte[] expected, byte[] actual, String message) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual, message);
    }
}
