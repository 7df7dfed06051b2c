package io.digitnet.training;

import java.util.List;

/** One page of jobs, newest first; {@code page} counts from 0. */
public record JobPage(List<JobSnapshot> content, int page, int size, long totalElements) {

    public long totalPages() {
        return (totalElements + size - 1) / size;
    }
}
