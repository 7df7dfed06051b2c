package io.digitnet.datasets;

import java.util.List;
import java.util.Set;

/** The text that tells a person how to provide a dataset's files by hand. */
final class ManualInstructions {

    private ManualInstructions() {
    }

    static String unavailable(DatasetSpec spec, MissingFiles missing, List<String> failures) {
        StringBuilder text = new StringBuilder();
        Set<StandardFile> remaining = missing.remaining();
        text.append("dataset '").append(spec.name()).append("' is not available: ").append(remaining.size())
                .append(" of its files are missing from ").append(missing.dir()).append(" and could not be obtained.");
        if (!failures.isEmpty()) {
            text.append("\nTried:");
            failures.forEach(failure -> text.append("\n  - ").append(failure));
        }
        text.append("\nTo provide the files by hand, put these files into ").append(missing.dir())
                .append("/ under these names, raw or gzip-compressed with a .gz suffix")
                .append(" (SHA-256 of the uncompressed content in brackets):");
        for (StandardFile file : remaining) {
            text.append("\n  ").append(file.fileName()).append("  [").append(spec.sha256().get(file)).append(']');
        }
        text.append("\n").append(sources(spec));
        text.append("\nThen load the dataset again (or run `./mvnw -B -ntp -q compile exec:java"
                + " -Dexec.mainClass=io.digitnet.datasets.ProvisionDatasets` to check the files).");
        return text.toString();
    }

    static String sources(DatasetSpec spec) {
        StringBuilder text = new StringBuilder("Where to get them:");
        spec.sources().forEach(source -> text.append("\n  - ").append(source.manualHint()));
        return text.toString();
    }
}
