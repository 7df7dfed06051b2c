package io.digitnet.datasets;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Obtains and verifies the built-in datasets from the command line, without Spring and without the web server (for
 * CI, the Docker build and machines that prepare data ahead of time):
 * <pre>
 * ./mvnw -B -ntp -q compile exec:java -Dexec.mainClass=io.digitnet.datasets.ProvisionDatasets \
 *     [-Dexec.args="--dir DIR mnist fashion-mnist"]
 * </pre>
 * The folder defaults to the service's, {@code $DIGITNET_DATA_DIR/datasets} ({@code ./data/datasets}); without names,
 * every built-in dataset. Fails (exception, non-zero exit) when one cannot be provided, after printing how to
 * provide it by hand.
 */
public final class ProvisionDatasets {

    private ProvisionDatasets() {
    }

    public static void main(String[] args) {
        Path dir = defaultDir();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--dir") && i + 1 < args.length) {
                dir = Path.of(args[++i]);
            } else if (args[i].startsWith("--")) {
                throw new IllegalArgumentException("usage: ProvisionDatasets [--dir DIR] [NAME...]; unknown option "
                        + args[i]);
            } else {
                names.add(args[i]);
            }
        }
        DatasetsSettings settings = DatasetsSettings.withDir(dir);
        Map<String, DatasetSpec> specs = new LinkedHashMap<>();
        BuiltInDatasets.specs(settings).forEach(spec -> specs.put(spec.name(), spec));
        if (names.isEmpty()) {
            names.addAll(specs.keySet());
        }
        DatasetProvisioner provisioner = new DatasetProvisioner(settings.dir(), settings.download());
        List<String> failed = new ArrayList<>();
        for (String name : names) {
            DatasetSpec spec = specs.get(name);
            if (spec == null) {
                throw new UnknownDatasetException(name, specs.keySet());
            }
            try {
                DatasetFiles files = provisioner.ensure(spec);
                System.out.println("dataset " + name + ": ready in " + files.dir());
            } catch (DatasetUnavailableException e) {
                System.err.println(e.getMessage());
                failed.add(name);
            }
        }
        if (!failed.isEmpty()) {
            // an exception rather than System.exit: under exec:java this runs inside Maven's JVM
            throw new IllegalStateException("could not provide dataset(s) " + failed + " (see above)");
        }
    }

    private static Path defaultDir() {
        String dataDir = System.getenv("DIGITNET_DATA_DIR");
        return Path.of(dataDir == null || dataDir.isBlank() ? "data" : dataDir, "datasets");
    }
}
