package io.digitnet.nn;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Chooses OpenBLAS's kernels ({@link BlasKernels#select()}) when the test launcher starts, before any test class can
 * load ND4J, as the service's {@code main} does. Registered in META-INF/services.
 */
public class BlasSelectionSession implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        BlasKernels.select();
    }
}
