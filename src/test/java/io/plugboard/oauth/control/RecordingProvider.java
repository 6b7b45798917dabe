package io.plugboard.oauth.control;

import io.plugboard.platform.control.ProviderHttp;
import io.plugboard.platform.control.ProviderRequest;
import io.plugboard.platform.control.ProviderResponse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/** A provider that records every request the hub builds and answers from a queue of responses. */
public class RecordingProvider extends ProviderHttp {

    public final List<ProviderRequest> sent = new ArrayList<>();
    private final Deque<ProviderResponse> answers = new ArrayDeque<>();

    public RecordingProvider answer(int status, String body) {
        answers.add(new ProviderResponse.Answered(status, Map.of(), body.getBytes(StandardCharsets.UTF_8), false));
        return this;
    }

    @Override
    public ProviderResponse send(ProviderRequest request) {
        sent.add(request);
        ProviderResponse answer = answers.poll();
        if (answer == null) {
            throw new AssertionError("No answer queued for " + request);
        }
        return answer;
    }

    /** The token endpoint calls, sent here. */
    public ProviderTokens tokens() {
        ProviderTokens tokens = new ProviderTokens();
        tokens.http = this;
        return tokens;
    }

    /** The post-connect lookup, sent here. */
    public PostConnectLookup lookup() {
        PostConnectLookup lookup = new PostConnectLookup();
        lookup.http = this;
        return lookup;
    }

    public ProviderRequest only() {
        if (sent.size() != 1) {
            throw new AssertionError("Expected one request, got " + sent.size());
        }
        return sent.get(0);
    }

    public static String body(ProviderRequest request) {
        return new String(request.body(), StandardCharsets.UTF_8);
    }
}
