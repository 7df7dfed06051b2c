package io.digitnet.web;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Test only: an endpoint with a bug, to see what a client and the log get from an unexpected exception. */
@Hidden
@RestController
class FailingTestController {

    static final String INTERNALS = "connection string jdbc:secret://10.0.0.1 at /opt/digitnet/internal";

    @GetMapping("/test/failure")
    String fail() {
        throw new IllegalStateException(INTERNALS);
    }
}
