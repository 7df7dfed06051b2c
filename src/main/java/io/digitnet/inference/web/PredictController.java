package io.digitnet.inference.web;

import io.digitnet.datasets.ImageDecoder;
import io.digitnet.inference.InferenceSettings;
import io.digitnet.inference.InputImages;
import io.digitnet.inference.InvalidInputException;
import io.digitnet.datasets.MnistPreprocessor;
import io.digitnet.inference.PixelRange;
import io.digitnet.inference.Prediction;
import io.digitnet.inference.Predictions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@Tag(name = "prediction")
@ApiResponse(responseCode = "200", description = "OK", useReturnTypeSchema = true)
@ApiResponse(responseCode = "400", description = "Invalid input; the detail says what and where",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "404", description = "No such model or alias, or no model yet",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "409", description = "The model's files are corrupt; it is not served",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "413", description = "Body, upload or image dimensions over the limits",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
@RestController
@RequestMapping("/predict")
class PredictController {

    private static final String SINGLE_EXAMPLE = "{\"model\":\"m-20260101120000000-1a2b3c\",\"label\":7,"
            + "\"probabilities\":[0.0002,0.0011,0.0043,0.0086,0.0001,0.0004,0.0000,0.9712,0.0021,0.0120]}";
    private static final String BATCH_EXAMPLE = "{\"model\":\"m-20260101120000000-1a2b3c\",\"predictions\":["
            + "{\"label\":7,\"probabilities\":[0.0002,0.0011,0.0043,0.0086,0.0001,0.0004,0.0000,0.9712,0.0021,0.0120]},"
            + "{\"label\":1,\"probabilities\":[0.0001,0.9825,0.0040,0.0012,0.0009,0.0006,0.0011,0.0062,0.0030,0.0004]}]}";

    private final Predictions predictions;
    private final InferenceSettings settings;

    PredictController(Predictions predictions, InferenceSettings settings) {
        this.predictions = predictions;
        this.settings = settings;
    }

    @Operation(summary = "Predict the digit of one image (pixels) or of a batch (instances), in one forward pass",
            description = "Each image is 784 values (28×28, row by row), in [0, 1] (pixelRange unit, the default) "
                    + "or 0..255 (pixelRange byte). model: an id or an alias; default latest. At most "
                    + "digitnet.inference.max-batch images per request (default 1,000).")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = PredictRequest.class),
            examples = {
                @ExampleObject(name = "one image", ref = "#/components/examples/predict-one"),
                @ExampleObject(name = "batch", ref = "#/components/examples/predict-batch")}))
    @ApiResponse(responseCode = "200", description = "The label and the 10 class probabilities of each image",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = PredictResponse.class),
                    examples = {
                        @ExampleObject(name = "one image", value = SINGLE_EXAMPLE),
                        @ExampleObject(name = "batch", value = BATCH_EXAMPLE)}))
    @ApiResponse(responseCode = "400", description = "Not 784 values (says how many came), a value not finite or out "
            + "of range (says which index), both or neither of pixels/instances, an empty or oversized batch, "
            + "malformed JSON, an unknown field, a malformed model id or alias")
    @ApiResponse(responseCode = "404", description = "No such model or alias, or no model at all yet")
    @ApiResponse(responseCode = "409", description = "The model's files are damaged; it is not served")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    PredictResponse predict(@RequestBody(required = false) PredictRequest request) {
        if (request == null) {
            throw new InvalidInputException("the request body is empty; send a JSON object like "
                    + PredictRequest.EXAMPLE);
        }
        InputImages images = request.images(settings.maxBatch());
        Prediction prediction = predictions.predictFor(request.modelOrNull(), request.datasetOrNull(), images);
        return PredictResponse.of(prediction, request.isBatch());
    }

    @Operation(summary = "Predict the digit in a PNG or JPEG; the answer includes the 784 pixels fed to the network",
            description = "Converted the MNIST way: grayscale, light digit on dark (inverted when the background is "
                    + "light), fitted into 20×20 and centred by mass in 28×28.")
    @ApiResponse(responseCode = "200", description = "The prediction and the 784 pixels the network saw")
    @ApiResponse(responseCode = "400", description = "Not a PNG or JPEG, an empty or oversized image, a missing "
            + "image part, a malformed model id or alias")
    @ApiResponse(responseCode = "404", description = "No such model or alias, or no model at all yet")
    @ApiResponse(responseCode = "409", description = "The model's files are damaged; it is not served")
    @PostMapping(path = "/image", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    PredictResponse.Image predictImage(@Parameter(description = "A PNG or JPEG of one digit")
                                       @RequestPart("image") MultipartFile image,
                                       @Parameter(description = "A model id or alias; default: the newest model of the dataset")
                                       @RequestParam(name = "model", required = false) String model,
                                       @Parameter(description = "A dataset; default: the model's, or mnist", example = "mnist")
                                       @RequestParam(name = "dataset", required = false) String dataset)
            throws IOException {
        float[] pixels = MnistPreprocessor.toMnist(ImageDecoder.decode(image.getBytes(), settings.maxImageSide()));
        Prediction prediction = predictions.predictFor(model, blankToNull(dataset),
                InputImages.single(pixels.clone(), PixelRange.UNIT));
        return PredictResponse.Image.of(prediction, pixels);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
