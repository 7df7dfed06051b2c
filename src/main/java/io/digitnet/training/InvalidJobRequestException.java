package io.digitnet.training;

import java.util.List;
import java.util.stream.Collectors;

/** A job request that cannot be accepted; lists every violation found, each naming its field. */
public class InvalidJobRequestException extends RuntimeException {

    private final List<JobViolation> violations;

    public InvalidJobRequestException(List<JobViolation> violations) {
        super(violations.stream().map(JobViolation::toString).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public InvalidJobRequestException(String field, String message) {
        this(List.of(new JobViolation(field, message)));
    }

    public List<JobViolation> violations() {
        return violations;
    }
}
