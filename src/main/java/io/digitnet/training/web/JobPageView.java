package io.digitnet.training.web;

import io.digitnet.training.JobPage;
import java.util.List;

/** A page of {@code GET /jobs}: newest first; {@code page} counts from 0. */
record JobPageView(List<JobView> content, int page, int size, long totalElements, long totalPages) {

    static JobPageView of(JobPage page) {
        return new JobPageView(page.content().stream().map(JobView::of).toList(), page.page(), page.size(),
                page.totalElements(), page.totalPages());
    }
}
