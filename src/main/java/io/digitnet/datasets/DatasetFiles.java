package io.digitnet.datasets;

import java.nio.file.Path;
import java.util.Map;

/** The four verified files of a dataset, each raw or gzipped. */
record DatasetFiles(Path dir, Map<StandardFile, Path> files) {

    DatasetFiles {
        files = Map.copyOf(files);
    }

    Path get(StandardFile file) {
        return files.get(file);
    }
}
