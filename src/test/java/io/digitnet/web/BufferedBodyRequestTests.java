package io.digitnet.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class BufferedBodyRequestTests {

    private static final byte[] BODY = "{\"pixels\":[0.0,0.5,1.0]}".getBytes(StandardCharsets.UTF_8);

    @Test
    void readAllBytesGivesTheBodyExactly() throws IOException {
        BufferedBodyRequest request = new BufferedBodyRequest(new MockHttpServletRequest(), buffered(BODY, BODY.length));

        InputStream in = request.getInputStream();
        assertThat(in.read()).isEqualTo('{');
        assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(BODY, 1, BODY.length));
        assertThat(in.read()).isEqualTo(-1);
    }

    @Test
    void marksAndResetsSoThatSpringNeedNotWrapIt() throws IOException {
        BufferedBodyRequest request = new BufferedBodyRequest(new MockHttpServletRequest(), buffered(BODY, BODY.length));

        InputStream in = request.getInputStream();
        assertThat(in.markSupported()).isTrue();
        in.mark(1);
        assertThat(in.read()).isEqualTo('{');
        in.reset();
        assertThat(in.readAllBytes()).isEqualTo(BODY);
    }

    @Test
    void readAllBytesOfATruncatedBodyFailsAsTheSocketWould() throws IOException {
        BufferedBodyRequest request = new BufferedBodyRequest(new MockHttpServletRequest(),
                buffered(BODY, BODY.length + 100));

        assertThatThrownBy(() -> request.getInputStream().readAllBytes()).isInstanceOf(EOFException.class);
    }

    /** The body as BodyDeadlineFilter holds it, for a request that declared {@code declared} bytes. */
    private static BodyBuffer buffered(byte[] bytes, long declared) throws IOException {
        BodyBuffer body = new BodyBuffer(declared, 1 << 20);
        InputStream in = new ByteArrayInputStream(bytes);
        while (!body.done() && body.readFrom(in)) {
            // all of it
        }
        return body;
    }
}
