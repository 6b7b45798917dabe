package io.plugboard.connect.boundary;

import io.plugboard.connect.control.ConnectFailed;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class ConnectPagesTest {

    @Test
    void everythingShownIsEscaped() {
        assertEquals("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;",
                ConnectPages.escape("<script>alert('x')</script> & \"q\""));
        assertEquals("", ConnectPages.escape(null));
    }

    @Test
    void onlyProviderFailuresAreNot400() {
        for (ConnectFailed.Failure failure : ConnectFailed.Failure.values()) {
            int expected = switch (failure) {
                case PROVIDER_FAILED -> 502;
                case PROVIDER_TIMED_OUT -> 504;
                default -> 400;
            };
            assertEquals(expected, ConnectPages.status(failure), failure::name);
            assertFalse(ConnectPages.title(failure).isBlank());
            assertFalse(ConnectPages.advice(failure).isBlank());
        }
    }
}
