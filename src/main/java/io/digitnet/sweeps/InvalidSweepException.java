package io.digitnet.sweeps;

import io.digitnet.training.JobViolation;
import java.util.List;
import java.util.stream.Collectors;

/** A sweep request that cannot be accepted; lists every violation found, each naming its field. */
public class InvalidSweepException extends RuntimeException {

    private final List<JobViolation> violations;

    public InvalidSweepException(List<JobViolation> violations) {
        super(violations.stream().map(JobViolation::toString).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public List<JobViolation> violations() {
        return violations;
    }
}
