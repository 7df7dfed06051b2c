package io.digitnet.inference.web;

import io.digitnet.inference.ImageDecoder;
import io.digitnet.inference.InferenceProperties;
import io.digitnet.inference.InputImages;
import io.digitnet.inference.InvalidInputException;
import io.digitnet.inference.MnistPreprocessor;
import io.digitnet.inference.PixelRange;
import io.digitnet.inference.Prediction;
import io.digitnet.inference.Predictions;
import io.digitnet.inference.ServedModels;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@Tag(name = "prediction")
@RestController
@RequestMapping("/predict")
class PredictController {

    private final Predictions predictions;
    private final InferenceProperties properties;

    PredictController(Predictions predictions, InferenceProperties properties) {
        this.predictions = predictions;
        this.properties = properties;
    }

    @Operation(summary = "Predict the digit of one image (pixels) or of a batch (instances), in one forward pass")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    PredictResponse predict(@RequestBody(required = false) PredictRequest request) {
        if (request == null) {
            throw new InvalidInputException("the request body is empty; send a JSON object like "
                    + PredictRequest.EXAMPLE);
        }
        InputImages images = request.images(properties.maxBatch());
        Prediction prediction = predictions.predict(request.modelOrLatest(), images);
        return PredictResponse.of(prediction, request.isBatch());
    }

    @Operation(summary = "Predict the digit in a PNG or JPEG; the answer includes the 784 pixels fed to the network")
    @PostMapping(path = "/image", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    PredictResponse.Image predictImage(@RequestPart("image") MultipartFile image,
                                       @RequestParam(name = "model", defaultValue = ServedModels.LATEST) String model)
            throws IOException {
        float[] pixels = MnistPreprocessor.toMnist(ImageDecoder.decode(image.getBytes(), properties.maxImageSide()));
        Prediction prediction = predictions.predict(model, InputImages.single(pixels.clone(), PixelRange.UNIT));
        return PredictResponse.Image.of(prediction, pixels);
    }
}
