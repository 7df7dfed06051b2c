package io.digitnet.system;

import io.digitnet.nn.BlasKernels;
import io.digitnet.nn.NativeWarmUp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Warms ND4J up during start-up. Spring Boot reports readiness (ACCEPTING_TRAFFIC) only after every
 * {@link ApplicationRunner} has finished, so the readiness probe stays down until the native backend works.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class NativeWarmUpRunner implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(NativeWarmUpRunner.class);

    @Override
    public void run(ApplicationArguments args) {
        log.info("ND4J native backend ready in {} ms, OpenBLAS kernels {}{}", NativeWarmUp.run(), BlasKernels.active(),
                BlasKernels.selected() == null ? "" : " (chosen from the CPU's flags, " + BlasKernels.VARIABLE + ")");
    }
}
