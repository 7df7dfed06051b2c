package io.digitnet.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** A folder on this machine holding the files, raw or gzipped, such as a Debian dataset package's install folder. */
record LocalDirectorySource(Path folder, String installHint) implements DatasetSource {

    @Override
    public void provide(MissingFiles missing) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new NoSuchFileException(folder.toString(), null, "not present");
        }
        for (StandardFile file : missing.remaining()) {
            Path source = Files.exists(folder.resolve(file.gzipName())) ? folder.resolve(file.gzipName())
                    : folder.resolve(file.fileName());
            if (!Files.exists(source)) {
                continue;
            }
            try (InputStream content = Files.newInputStream(source)) {
                missing.install(content, file);
            }
        }
    }

    @Override
    public String description() {
        return "local folder " + folder;
    }

    @Override
    public String manualHint() {
        return installHint + " and copy the files from " + folder;
    }

    @Override
    public boolean remote() {
        return false;
    }
}
