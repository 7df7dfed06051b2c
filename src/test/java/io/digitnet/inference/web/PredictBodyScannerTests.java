package io.digitnet.inference.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonParser;

/**
 * The fast path reads exactly what the token-based reader reads, bit for bit, from bodies written the ways clients
 * write numbers (Python's json.dumps, Java's Float.toString, fixed decimals, integers, exponents); and it gives up
 * (null) on every body that is not a well-formed request, so that the token-based reader can say what is wrong.
 */
class PredictBodyScannerTests {

    private static final int MAX_BATCH = 3;
    private final PredictRequestConverter converter = new PredictRequestConverter(
            new io.digitnet.inference.InferenceSettings(MAX_BATCH, org.springframework.util.unit.DataSize.ofMegabytes(1),
                    2048, false));

    @Test
    void readsNumbersBitForBitAsTheTokenReaderDoes() {
        Random random = new Random(42);
        List<String> numbers = new ArrayList<>(List.of("0", "-0", "0.0", "-0.0", "1", "1.0", "255", "0.5", "1e-1",
                "1E+2", "2.5e-3", "0.3294117647058824", "0.996078431372549", "123456789012345678901234567890",
                "1.00000000000000000000001", "0.000000000001", "16777217", "16777217.0", "3.4028235e38", "1e39",
                "1e-46", "7e-45", "0.1234567", "12345678.9", "9999999999", "1e10", "4.9e-324", "100000e-5"));
        for (int n = 0; n < 100_000; n++) {
            double v = random.nextDouble() * (random.nextBoolean() ? 1 : 255);
            numbers.add(switch (n % 5) {
                case 0 -> Double.toString(v);                                  // Python repr-like, 17 digits
                case 1 -> Float.toString((float) v);                           // shortest float
                case 2 -> String.format(Locale.ROOT, "%.6f", v);
                case 3 -> Long.toString(Math.round(v));
                default -> String.format(Locale.ROOT, "%.3e", v);
            });
        }
        for (int from = 0; from < numbers.size(); from += 5000) {
            String body = "{\"pixels\": [" + String.join(", ", numbers.subList(from, Math.min(numbers.size(),
                    from + 5000))) + "]}";
            PredictRequest fast = scan(body);
            PredictRequest tokens = tokens(body);
            assertThat(fast).isNotNull();
            assertThat(bits(fast.pixels())).containsExactly(bits(tokens.pixels()));
        }
    }

    @Test
    void readsEveryFieldAndBatches() {
        PredictRequest request = scan(" {\"model\" : \"production\",\n\"pixelRange\":\"byte\",\t\"instances\":[[1,2],"
                + "[3], []], \"pixels\": null}\r\n");
        assertThat(request).isNotNull();
        assertThat(request.model()).isEqualTo("production");
        assertThat(request.pixelRange()).isEqualTo("byte");
        assertThat(request.pixels()).isNull();
        assertThat(request.instances()).hasNumberOfRows(3);
        assertThat(request.instances()[0]).containsExactly(1f, 2f);
        assertThat(request.instances()[2]).isEmpty();
        assertThat(scan("{}")).isNotNull();
        assertThat(scan("{\"instances\":[]}").instances()).isEmpty();
    }

    @Test
    void givesUpOnAnythingUnusual() {
        for (String body : List.of("", " ", "[]", "{", "{\"pixels\":[1,2]", "{\"pixels\":[1,2]}x",
                "{\"pixels\":[1,2,]}", "{\"pixels\":[01]}", "{\"pixels\":[1.]}", "{\"pixels\":[.5]}",
                "{\"pixels\":[+1]}", "{\"pixels\":[-]}", "{\"pixels\":[1e]}", "{\"pixels\":[NaN]}",
                "{\"pixels\":[\"1\"]}", "{\"pixels\":[[1]]}", "{\"pixels\":1}", "{\"pixels\":[1],\"pixels\":[2]}",
                "{\"other\":1}", "{\"model\":\"a\\\"b\"}", "{\"model\":\"caf\u00e9\"}", "{\"model\":1}",
                "{\"pixels\":[1] /* comment */}", "{\"instances\":[[1],[2],[3],[4]]}", "{\"instances\":[1]}",
                "{\"pixels\":nul}", "{'pixels':[1]}", "{\"pixels\":[1" + "0".repeat(1000) + "]}")) {
            assertThat(scan(body)).as(body).isNull();
        }
    }

    private static PredictRequest scan(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return PredictBodyScanner.scan(bytes, bytes.length, MAX_BATCH);
    }

    private PredictRequest tokens(String body) {
        try (JsonParser p = JsonInput.parser(body.getBytes(StandardCharsets.UTF_8))) {
            return converter.read(p);
        }
    }

    private static int[] bits(float[] values) {
        int[] bits = new int[values.length];
        for (int k = 0; k < values.length; k++) {
            bits[k] = Float.floatToRawIntBits(values[k]);
        }
        return bits;
    }
}
