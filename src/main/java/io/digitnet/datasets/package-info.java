/**
 * The datasets: the catalog of what can be trained on (MNIST, Fashion-MNIST and uploads), their class names, reading
 * IDX files, provisioning the built-in ones with verified checksums from mirrors, packages or a local folder, and
 * uploads (Kaggle CSV, IDX, zips of image folders) kept behind the {@code DatasetStore} port. Also the conversion of
 * any image to an MNIST-style 28×28 one ({@code ImageDecoder}, {@code MnistPreprocessor}), which uploads and
 * {@code /predict/image} share. Features that must veto a delete implement {@code DatasetUsage}. Owns
 * {@code <data-dir>/datasets}, and in cluster mode the {@code datasets} tables (Flyway V20-V29). May use
 * {@code files}, {@code system} (the mode) and {@code cluster} (notifications between instances); {@code web} only
 * from its {@code web} sub-package (problem details, endpoints). Used by training,
 * models (evaluation on a test set) and inference (class names, image conversion).
 */
@ApplicationModule(displayName = "Datasets")
package io.digitnet.datasets;

import org.springframework.modulith.ApplicationModule;
