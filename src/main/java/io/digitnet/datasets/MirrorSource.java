package io.digitnet.datasets;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/** A web folder holding the gzipped files under their standard names, like the canonical MNIST mirrors. */
record MirrorSource(URI base, HttpDownloader http) implements DatasetSource {

    @Override
    public void provide(MissingFiles missing) throws IOException {
        for (StandardFile file : missing.remaining()) {
            Path temp = http.download(base.resolve(file.gzipName()), missing.dir());
            missing.install(temp, file);
        }
    }

    @Override
    public String description() {
        return "mirror " + base;
    }

    @Override
    public String manualHint() {
        return "download the .gz files from " + base + " (e.g. " + base.resolve(StandardFile.TRAIN_IMAGES.gzipName())
                + ")";
    }
}
