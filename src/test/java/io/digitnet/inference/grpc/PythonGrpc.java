package io.digitnet.inference.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the Python gRPC client of the tests (src/test/python/v2_grpc_client.py) with Debian's {@code python3-grpcio}
 * and stubs generated from our .proto by {@code python3-grpc-tools} in this test run. Where the packages are missing
 * the tests are skipped, except under {@code CI=true}, where that is a failure.
 */
final class PythonGrpc {

    private static final Path PROTO_DIR = Path.of("src", "main", "protobuf");
    private static final Path CLIENT = Path.of("src", "test", "python", "v2_grpc_client.py");

    private final String python;
    private final Path stubs;

    private PythonGrpc(String python, Path stubs) {
        this.python = python;
        this.stubs = stubs;
    }

    /** Finds a Python with grpc and grpc_tools and generates the stubs into {@code dir}. */
    static PythonGrpc generateStubs(Path dir) {
        String python = null;
        for (String candidate : List.of("/usr/bin/python3", "python3")) {
            if (run(List.of(candidate, "-c", "import grpc, grpc_tools.protoc"), 60).exit() == 0) {
                python = candidate;
                break;
            }
        }
        if (python == null) {
            String why = "no python3 with grpc and grpc_tools: apt-get install -y python3-grpcio python3-grpc-tools";
            if ("true".equals(System.getenv("CI"))) {
                fail(why + " (.ci/run installs them; under CI=true this is a failure, not a skip)");
            }
            Assumptions.abort(why);
        }
        Result protoc = run(List.of(python, "-m", "grpc_tools.protoc", "-I", PROTO_DIR.toString(),
                "--python_out=" + dir, "--grpc_python_out=" + dir,
                PROTO_DIR.resolve("grpc_predict_v2.proto").toString()), 120);
        assertThat(protoc.exit()).as(protoc.output()).isZero();
        return new PythonGrpc(python, dir);
    }

    /** Runs the client with {@code args} after the stubs directory; its stdout is one JSON object. */
    String client(String... args) {
        List<String> command = new ArrayList<>(List.of(python, CLIENT.toString(), stubs.toString()));
        command.addAll(List.of(args));
        Result result = run(command, 300);
        assertThat(result.exit()).as(result.output()).isZero();
        String output = result.output().strip();
        return output.substring(output.lastIndexOf('\n') + 1);
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command, int timeoutSeconds) {
        try {
            Path log = Files.createTempFile(Path.of("target"), "python-grpc", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "timed out: " + command);
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Files.delete(log);
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("error=2")) {
                return new Result(127, "not found: " + command.get(0));
            }
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
