/**
 * Process-wide set-up that belongs to no feature: the run mode ({@code digitnet.mode}: file or cluster, and the
 * conditions that pick each mode's adapters), the native (ND4J) warm-up before the service reports ready. Features
 * may use its annotations; it may use {@code nn} (to warm it up) and nothing else of digitnet.
 */
@ApplicationModule(displayName = "System", type = ApplicationModule.Type.OPEN)
package io.digitnet.system;

import org.springframework.modulith.ApplicationModule;
