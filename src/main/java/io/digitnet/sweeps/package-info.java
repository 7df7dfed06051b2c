/**
 * Sweeps: many job configurations compared in one request (grid and random search), their trials fed to training as
 * ordinary jobs while workers free up, the median stopping rule, the leaderboard, and promoting the best model. Owns
 * {@code <data-dir>/sweeps} in file mode, the {@code sweeps} table in cluster mode. May use {@code training} (submitting
 * and watching jobs), {@code models} (moving an alias), {@code files}, {@code system} (the mode), {@code cluster}
 * (notifications between instances), and {@code web} only from its {@code web} sub-package. Nothing depends on
 * sweeps.
 */
@ApplicationModule(displayName = "Sweeps")
package io.digitnet.sweeps;

import org.springframework.modulith.ApplicationModule;
