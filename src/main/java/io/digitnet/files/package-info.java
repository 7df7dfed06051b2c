/**
 * Files that survive a crash ({@link io.digitnet.files.DurableFiles}: temporary name, fsync, atomic rename, fsync of
 * the folder), the one SHA-256 helper, and {@link io.digitnet.files.DiskFull}, which tells a full filesystem from
 * other write failures. Neutral: every module that writes or verifies files uses it. May use
 * nothing of digitnet.
 */
@ApplicationModule(displayName = "Durable files", type = ApplicationModule.Type.OPEN)
package io.digitnet.files;

import org.springframework.modulith.ApplicationModule;
