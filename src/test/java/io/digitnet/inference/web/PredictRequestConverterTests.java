package io.digitnet.inference.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.digitnet.inference.InferenceSettings;
import io.digitnet.inference.InputImages;
import io.digitnet.inference.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.MockHttpInputMessage;
import org.springframework.util.unit.DataSize;

class PredictRequestConverterTests {

    private final PredictRequestConverter converter = new PredictRequestConverter(
            new InferenceSettings(3, DataSize.ofKilobytes(64), 2048, false));

    static String numbers(int count, String value) {
        return String.join(",", Collections.nCopies(count, value));
    }

    private PredictRequest read(String json) throws IOException {
        return converter.read(PredictRequest.class, new MockHttpInputMessage(json.getBytes(StandardCharsets.UTF_8)));
    }

    private InputImages images(String json) throws IOException {
        return read(json).images(3);
    }

    @Test
    void readsOneImageAndOptionalFields() throws IOException {
        PredictRequest request = read("{\"model\":\"production\",\"pixelRange\":\"byte\",\"dataset\":\"mnist\","
                + "\"pixels\":[" + numbers(783, "0") + ",255]}");
        assertThat(request.pixels()).hasSize(784);
        assertThat(request.modelOrNull()).isEqualTo("production");
        assertThat(request.datasetOrNull()).isEqualTo("mnist");
        InputImages images = request.images(3);
        assertThat(images.rows()).isEqualTo(1);
        assertThat(images.values()[783]).isEqualTo(1f);
    }

    @Test
    void readsABatch() throws IOException {
        PredictRequest request = read("{\"instances\":[[" + numbers(784, "0.5") + "],[" + numbers(784, "1e-1")
                + "]]}");
        assertThat(request.isBatch()).isTrue();
        assertThat(request.modelOrNull()).isNull();
        assertThat(request.datasetOrNull()).isNull();
        InputImages images = request.images(3);
        assertThat(images.rows()).isEqualTo(2);
        assertThat(images.values()[784]).isEqualTo(0.1f);
    }

    @Test
    void shapeErrorsSayWhatIsWrong() {
        assertThatThrownBy(() -> images("{\"pixels\":[" + numbers(10, "0") + "]}"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("pixels has 10 values");
        assertThatThrownBy(() -> images("{\"pixels\":[" + numbers(784, "0") + "],\"instances\":[]}"))
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> images("{\"model\":\"latest\"}"))
                .hasMessageContaining("send \"pixels\"");
        assertThatThrownBy(() -> images("{\"instances\":[]}")).hasMessageContaining("instances is empty");
        assertThatThrownBy(() -> images("{\"instances\":[[1,2],[3],[4],[5],[6]]}"))
                .hasMessageContaining("instances has 5 images; at most 3");
        assertThatThrownBy(() -> images("{\"instances\":[[" + numbers(784, "0") + "],[" + numbers(700, "0") + "]]}"))
                .hasMessageContaining("instances[1] has 700 values");
    }

    @Test
    void valueErrorsNameTheIndex() {
        assertThatThrownBy(() -> images("{\"pixels\":[" + numbers(20, "0") + ",\"x\"," + numbers(763, "0") + "]}"))
                .hasMessageContaining("pixels[20] is a string, not a number");
        assertThatThrownBy(() -> images("{\"pixels\":[0,null]}"))
                .hasMessageContaining("pixels[1] is null, not a number");
        assertThatThrownBy(() -> images("{\"instances\":[[" + numbers(784, "0") + "],[" + numbers(5, "0") + ",1e39,"
                + numbers(778, "0") + "]]}"))
                .hasMessageContaining("instances[1][5] is not a finite number");
        assertThatThrownBy(() -> images("{\"pixels\":[" + numbers(783, "0") + ",1.01]}"))
                .hasMessageContaining("pixels[783] is 1.01");
        assertThatThrownBy(() -> images("{\"instances\":[[0],5]}"))
                .hasMessageContaining("instances[1] must be an array of 784 numbers, not a number");
    }

    @Test
    void unknownFieldsWrongTypesAndBadRangeAreNamed() {
        assertThatThrownBy(() -> images("{\"pixel\":[]}"))
                .hasMessageContaining("unknown field \"pixel\"");
        assertThatThrownBy(() -> images("{\"pixels\":\"abc\"}"))
                .hasMessageContaining("pixels must be an array of numbers, not a string");
        assertThatThrownBy(() -> images("{\"model\":7,\"pixels\":[]}"))
                .hasMessageContaining("model must be a string");
        assertThatThrownBy(() -> images("{\"pixelRange\":\"percent\",\"pixels\":[" + numbers(784, "0") + "]}"))
                .hasMessageContaining("pixelRange must be \"unit\"");
        assertThatThrownBy(() -> images("{\"pixels\":[1],\"pixels\":[2]}"))
                .hasMessageContaining("\"pixels\" appears twice");
        assertThatThrownBy(() -> read("{\"model\":\"  \"}").modelOrNull())
                .hasMessageContaining("not blank");
    }

    @Test
    void malformedJsonSaysWhere() {
        assertThatThrownBy(() -> read("{\"pixels\":[0,1,}"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("malformed JSON at line 1");
        assertThatThrownBy(() -> read("{\"pixels\":[0,1]")).hasMessageContaining("malformed JSON");
        assertThatThrownBy(() -> read("{\"pixels\":[NaN]}")).hasMessageContaining("malformed JSON");
        assertThatThrownBy(() -> read("")).hasMessageContaining("the request body is empty");
        assertThatThrownBy(() -> read("[1,2]")).hasMessageContaining("must be a JSON object");
        assertThatThrownBy(() -> read("{} {}")).hasMessageContaining("unexpected content after");
    }
}
