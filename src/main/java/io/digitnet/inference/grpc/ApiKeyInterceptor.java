package io.digitnet.inference.grpc;

import io.digitnet.files.Sha256;
import io.digitnet.inference.grpc.v2.GRPCInferenceServiceGrpc;
import io.digitnet.web.EndpointGroup;
import io.digitnet.web.SecuritySettings;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * The REST API's key, asked for by the same rule: {@code ModelInfer} is a prediction (as {@code POST
 * /v2/models/{name}/infer}), so it needs the key when one is set and {@code digitnet.security.protect-predict} is on;
 * health and metadata are reads and stay open. The key comes as metadata {@code authorization: Bearer <key>} or
 * {@code x-api-key: <key>}; a missing or wrong one is {@code UNAUTHENTICATED}.
 */
final class ApiKeyInterceptor implements ServerInterceptor {

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> API_KEY = Metadata.Key.of("x-api-key", Metadata.ASCII_STRING_MARSHALLER);
    /** The REST path whose rule ModelInfer follows. */
    private static final String INFER_PATH = "/v2/models/any/infer";

    private final byte[] expectedDigest;
    private final boolean inferNeedsKey;

    ApiKeyInterceptor(SecuritySettings settings, List<EndpointGroup> endpoints) {
        this.expectedDigest = settings.enabled() ? sha256(settings.apiKey()) : null;
        this.inferNeedsKey = settings.enabled() && settings.requiresKey("POST", INFER_PATH, endpoints);
    }

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
                                                       ServerCallHandler<Q, A> next) {
        boolean infer = call.getMethodDescriptor().getFullMethodName()
                .equals(GRPCInferenceServiceGrpc.getModelInferMethod().getFullMethodName());
        if (!infer || !inferNeedsKey) {
            return next.startCall(call, headers);
        }
        String presented = presentedKey(headers);
        if (presented != null && MessageDigest.isEqual(expectedDigest, sha256(presented))) {
            return next.startCall(call, headers);
        }
        call.close(Status.UNAUTHENTICATED.withDescription(presented == null
                ? "ModelInfer requires an API key: send metadata 'authorization: Bearer <key>' or 'x-api-key: <key>'"
                : "the API key is not valid"), new Metadata());
        return new ServerCall.Listener<>() { };
    }

    private static String presentedKey(Metadata headers) {
        String authorization = headers.get(AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        return headers.get(API_KEY);
    }

    private static byte[] sha256(String value) {
        return Sha256.newDigest().digest(value.getBytes(StandardCharsets.UTF_8));
    }
}
