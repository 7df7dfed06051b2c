package io.digitnet.cluster;

import io.digitnet.system.ClusterMode;
import java.net.URI;
import org.jobrunr.storage.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Cluster mode: a request that needs PostgreSQL while it is unreachable answers 503 with Retry-After (mutations,
 * and reads that are not served from what the instance keeps in memory), never a 500.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
@ClusterMode
class DatabaseUnavailableAdvice {

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableAdvice.class);
    private static final String RETRY_AFTER_SECONDS = "5";

    @ExceptionHandler({DataAccessException.class, TransactionException.class, StorageException.class})
    ResponseEntity<ProblemDetail> unavailable(RuntimeException e) {
        log.warn("Database unavailable: {}", String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "the shared database cannot be reached; retry later");
        problem.setType(URI.create("urn:digitnet:problem:database-unavailable"));
        problem.setTitle("Database unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).body(problem);
    }
}
