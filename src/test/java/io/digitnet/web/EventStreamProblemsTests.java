package io.digitnet.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** The event streams' cap is one problem for jobs and sweeps: 503, event-stream-limit, Retry-After, what to poll. */
class EventStreamProblemsTests {

    private final EventStreamProblems problems = new EventStreamProblems();

    @Test
    void aSweepStreamOverTheCapIs503WithRetryAfterAndSaysWhatToPoll() {
        ResponseEntity<ProblemDetail> answer = problems.eventStreamLimit(new EventStreamLimitException(
                "sweep event streams", 16, "GET /sweeps/{id}", Duration.ofSeconds(5)));

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
        assertThat(answer.getBody().getType()).isEqualTo(URI.create("urn:digitnet:problem:event-stream-limit"));
        assertThat(answer.getBody().getTitle()).isEqualTo("Too many event streams");
        assertThat(answer.getBody().getDetail()).isEqualTo("too many open sweep event streams (the limit is 16); "
                + "poll GET /sweeps/{id} instead or retry later");
    }

    @Test
    void aRetryAfterUnderASecondIsSentAsOneSecond() {
        ResponseEntity<ProblemDetail> answer = problems.eventStreamLimit(new EventStreamLimitException(
                "event streams", 1, "GET /jobs/{id}", Duration.ofMillis(200)));

        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(answer.getBody().getDetail()).contains("the limit is 1", "GET /jobs/{id}");
    }
}
