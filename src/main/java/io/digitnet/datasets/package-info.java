/**
 * The datasets: the catalog of what can be trained on (MNIST, Fashion-MNIST), reading IDX files, and provisioning
 * them with verified checksums from mirrors, packages or a local folder. Owns {@code <data-dir>/datasets}. May use
 * {@code files}; {@code web} only from its {@code web} sub-package (problem details, endpoints). Used by training
 * and models (evaluation on a test set).
 */
@ApplicationModule(displayName = "Datasets")
package io.digitnet.datasets;

import org.springframework.modulith.ApplicationModule;
