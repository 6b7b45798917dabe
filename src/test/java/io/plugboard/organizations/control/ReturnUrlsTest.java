package io.plugboard.organizations.control;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReturnUrlsTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "https://app.example.com/connected",
            "https://app.example.com:8443/a/b?tenant=7",
            "http://localhost:3000/callback",
            "http://127.0.0.1/done",
            "http://[::1]:8080/done"})
    void accepted(String url) {
        assertTrue(ReturnUrls.problem(url).isEmpty(), () -> ReturnUrls.problem(url).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            " ",
            "http://app.example.com/connected",
            "ftp://app.example.com/x",
            "javascript:alert(1)",
            "//app.example.com/relative",
            "/relative",
            "https://user:pw@app.example.com/",
            "https://app.example.com/#fragment",
            "https://app.example.com/ space",
            " https://app.example.com/",
            "https://app.example.com/\n",
            "http://localhost.evil.example/",
            "https:///no-host"})
    void refused(String url) {
        assertTrue(ReturnUrls.problem(url).isPresent(), url);
    }

    @Test
    void theWholeListIsCheckedAtOnce() {
        List<String> problems = ReturnUrls.problems(List.of("https://a.example/", "http://b.example/", "https://a.example/"));
        assertEquals(2, problems.size(), problems::toString);
        assertTrue(problems.get(1).contains("twice"));
    }

    @Test
    void nullAndNullEntriesAndTooManyAreProblems() {
        assertFalse(ReturnUrls.problems(null).isEmpty());
        assertFalse(ReturnUrls.problems(Collections.singletonList(null)).isEmpty());
        List<String> many = new ArrayList<>();
        for (int i = 0; i <= ReturnUrls.MAX_URLS; i++) {
            many.add("https://app.example.com/" + i);
        }
        assertEquals(1, ReturnUrls.problems(many).size());
        assertTrue(ReturnUrls.problems(List.of()).isEmpty(), "an empty list clears them");
        assertFalse(ReturnUrls.problems(List.of("https://app.example.com/" + "a".repeat(ReturnUrls.MAX_LENGTH))).isEmpty());
    }
}
