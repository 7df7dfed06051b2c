package io.digitnet.inference.grpc;

import com.google.protobuf.ByteString;
import io.digitnet.inference.InferenceSettings;
import io.digitnet.inference.InputImages;
import io.digitnet.inference.InvalidInputException;
import io.digitnet.inference.OpenInference;
import io.digitnet.inference.PixelRange;
import io.digitnet.inference.Prediction;
import io.digitnet.inference.Predictions;
import io.digitnet.inference.ServedModel;
import io.digitnet.inference.ServedModels;
import io.digitnet.inference.ServingReadiness;
import io.digitnet.inference.grpc.v2.GRPCInferenceServiceGrpc;
import io.digitnet.inference.grpc.v2.InferParameter;
import io.digitnet.inference.grpc.v2.InferTensorContents;
import io.digitnet.inference.grpc.v2.ModelInferRequest;
import io.digitnet.inference.grpc.v2.ModelInferResponse;
import io.digitnet.inference.grpc.v2.ModelMetadataRequest;
import io.digitnet.inference.grpc.v2.ModelMetadataResponse;
import io.digitnet.inference.grpc.v2.ModelReadyRequest;
import io.digitnet.inference.grpc.v2.ModelReadyResponse;
import io.digitnet.inference.grpc.v2.ServerLiveRequest;
import io.digitnet.inference.grpc.v2.ServerLiveResponse;
import io.digitnet.inference.grpc.v2.ServerMetadataRequest;
import io.digitnet.inference.grpc.v2.ServerMetadataResponse;
import io.digitnet.inference.grpc.v2.ServerReadyRequest;
import io.digitnet.inference.grpc.v2.ServerReadyResponse;
import io.digitnet.models.CorruptModelException;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code inference.GRPCInferenceService}: the same models, checks and answers as {@code /v2} over REST. An inference
 * answers in the form it was asked: raw little-endian bytes ({@code raw_output_contents}) for a request that sent
 * {@code raw_input_contents}, typed contents ({@code fp32_contents}, {@code bytes_contents}) otherwise. Answers and model metadata carry the same
 * {@code dataset} and {@code class_names} parameters as REST (string parameters; see {@link OpenInference}).
 */
class InferenceGrpcService extends GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase {

    private static final ModelMetadataResponse.TensorMetadata INPUT = ModelMetadataResponse.TensorMetadata
            .newBuilder().setName(OpenInference.INPUT).setDatatype(OpenInference.FP32)
            .addShape(-1).addShape(InputImages.PIXELS).build();

    private final ServedModels models;
    private final Predictions predictions;
    private final ServingReadiness readiness;
    private final int maxBatch;
    private final String version;

    InferenceGrpcService(ServedModels models, Predictions predictions, ServingReadiness readiness,
                         InferenceSettings settings, String version) {
        this.models = models;
        this.predictions = predictions;
        this.readiness = readiness;
        this.maxBatch = settings.maxBatch();
        this.version = version;
    }

    @Override
    public void serverLive(ServerLiveRequest request, StreamObserver<ServerLiveResponse> answer) {
        reply(answer, () -> ServerLiveResponse.newBuilder()
                .setLive(readiness.live()).build());
    }

    @Override
    public void serverReady(ServerReadyRequest request, StreamObserver<ServerReadyResponse> answer) {
        reply(answer, () -> ServerReadyResponse.newBuilder().setReady(ready()).build());
    }

    @Override
    public void serverMetadata(ServerMetadataRequest request, StreamObserver<ServerMetadataResponse> answer) {
        reply(answer, () -> ServerMetadataResponse.newBuilder().setName(OpenInference.PLATFORM).setVersion(version)
                .addAllExtensions(OpenInference.EXTENSIONS).build());
    }

    /** Ready once its weights loaded and passed their checksum; a damaged model is not ready; unknown: NOT_FOUND. */
    @Override
    public void modelReady(ModelReadyRequest request, StreamObserver<ModelReadyResponse> answer) {
        reply(answer, () -> {
            try {
                models.get(request.getName(), request.getVersion());
                return ModelReadyResponse.newBuilder().setReady(true).build();
            } catch (CorruptModelException e) {
                return ModelReadyResponse.newBuilder().setReady(false).build();
            }
        });
    }

    @Override
    public void modelMetadata(ModelMetadataRequest request, StreamObserver<ModelMetadataResponse> answer) {
        reply(answer, () -> {
            ServedModel model = models.get(request.getName(), request.getVersion());
            int classes = model.predictor().outputSize();
            return ModelMetadataResponse.newBuilder().setName(request.getName()).addVersions(model.id())
                    .setPlatform(OpenInference.PLATFORM).addInputs(INPUT)
                    .addOutputs(ModelMetadataResponse.TensorMetadata.newBuilder().setName(OpenInference.OUTPUT)
                            .setDatatype(OpenInference.FP32).addShape(-1).addShape(classes)
                            .putAllParameters(parameters(OpenInference.outputParameters(model.metadata(), classes))))
                    .putAllParameters(parameters(OpenInference.modelParameters(model.metadata())))
                    .build();
        });
    }

    @Override
    public void modelInfer(ModelInferRequest request, StreamObserver<ModelInferResponse> answer) {
        reply(answer, () -> infer(request));
    }

    private ModelInferResponse infer(ModelInferRequest request) {
        if (!ready()) {
            throw Status.UNAVAILABLE.withDescription("the server is not ready (starting or shutting down)")
                    .asRuntimeException();
        }
        if (request.getInputsCount() != 1) {
            throw new InvalidInputException("inputs must hold exactly one tensor, named \"" + OpenInference.INPUT
                    + "\"; got " + request.getInputsCount());
        }
        boolean raw = request.getRawInputContentsCount() > 0;
        ModelInferRequest.InferInputTensor input = request.getInputs(0);
        float[] data = raw ? rawData(request) : typedData(input);
        for (ModelInferRequest.InferRequestedOutputTensor output : request.getOutputsList()) {
            OpenInference.checkOutput(output.getName());
        }
        InputImages images = OpenInference.images(input.getName(), input.getDatatype(),
                input.getShapeList().stream().mapToLong(Long::longValue).toArray(), data, pixelRange(request),
                maxBatch);
        Prediction prediction = predictions.predict(request.getModelName(), request.getModelVersion(), images);

        ModelInferResponse.Builder response = ModelInferResponse.newBuilder().setModelName(request.getModelName())
                .setModelVersion(prediction.model().id()).setId(request.getId())
                .putAllParameters(parameters(OpenInference.answerParameters(prediction)));
        if (request.getOutputsCount() == 0) {
            addProbabilities(response, OpenInference.OUTPUT, prediction, raw);
        }
        for (ModelInferRequest.InferRequestedOutputTensor output : request.getOutputsList()) {
            InferParameter classification = output.getParametersMap().get("classification");
            if (classification == null) {
                addProbabilities(response, output.getName(), prediction, raw);
            } else {
                addClassification(response, output.getName(), prediction, classification, raw);
            }
        }
        return response.build();
    }

    private static float[] rawData(ModelInferRequest request) {
        if (request.getRawInputContentsCount() != request.getInputsCount()) {
            throw new InvalidInputException("raw_input_contents has " + request.getRawInputContentsCount()
                    + " entries; it needs one per input (" + request.getInputsCount() + ")");
        }
        if (request.getInputs(0).hasContents()) {
            throw new InvalidInputException("inputs[0] has contents as well as raw_input_contents; send one");
        }
        return OpenInference.littleEndianFloats(request.getRawInputContents(0).asReadOnlyByteBuffer(),
                "raw_input_contents[0]");
    }

    private static float[] typedData(ModelInferRequest.InferInputTensor input) {
        InferTensorContents contents = input.getContents();
        float[] data = new float[contents.getFp32ContentsCount()];
        for (int i = 0; i < data.length; i++) {
            data[i] = contents.getFp32Contents(i);
        }
        return data;
    }

    private static PixelRange pixelRange(ModelInferRequest request) {
        InferParameter range = request.getParametersMap().get("pixel_range");
        if (range == null) {
            return PixelRange.UNIT;
        }
        if (range.getParameterChoiceCase() != InferParameter.ParameterChoiceCase.STRING_PARAM) {
            throw new InvalidInputException("parameters.pixel_range must be a string_param, \"unit\" or \"byte\"");
        }
        return PixelRange.parse(range.getStringParam());
    }

    private static void addProbabilities(ModelInferResponse.Builder response, String name, Prediction prediction,
                                         boolean raw) {
        ModelInferResponse.InferOutputTensor.Builder tensor = ModelInferResponse.InferOutputTensor.newBuilder()
                .setName(name).setDatatype(OpenInference.FP32)
                .addShape(prediction.rows()).addShape(prediction.classes());
        if (raw) {
            response.addRawOutputContents(ByteString.copyFrom(
                    OpenInference.littleEndianBytes(prediction.probabilities())));
        } else {
            InferTensorContents.Builder contents = InferTensorContents.newBuilder();
            for (float p : prediction.probabilities()) {
                contents.addFp32Contents(p);
            }
            tensor.setContents(contents);
        }
        response.addOutputs(tensor);
    }

    private static void addClassification(ModelInferResponse.Builder response, String name, Prediction prediction,
                                          InferParameter parameter, boolean raw) {
        if (parameter.getParameterChoiceCase() != InferParameter.ParameterChoiceCase.INT64_PARAM) {
            throw new InvalidInputException("outputs parameter classification must be an int64_param");
        }
        int k = OpenInference.checkClassification(parameter.getInt64Param(), prediction.classes());
        String[] top = OpenInference.classify(prediction, k);
        ModelInferResponse.InferOutputTensor.Builder tensor = ModelInferResponse.InferOutputTensor.newBuilder()
                .setName(name).setDatatype(OpenInference.BYTES).addShape(prediction.rows()).addShape(k);
        if (raw) {
            response.addRawOutputContents(ByteString.copyFrom(OpenInference.lengthPrefixed(top)));
        } else {
            InferTensorContents.Builder contents = InferTensorContents.newBuilder();
            Arrays.stream(top).forEach(s -> contents.addBytesContents(ByteString.copyFrom(s, StandardCharsets.UTF_8)));
            tensor.setContents(contents);
        }
        response.addOutputs(tensor);
    }

    private static Map<String, InferParameter> parameters(Map<String, String> values) {
        Map<String, InferParameter> parameters = new java.util.LinkedHashMap<>();
        values.forEach((name, value) -> parameters.put(name, InferParameter.newBuilder().setStringParam(value).build()));
        return parameters;
    }

    private boolean ready() {
        return readiness.ready();
    }

    private static <T> void reply(StreamObserver<T> answer, Supplier<T> call) {
        T value;
        try {
            value = call.get();
        } catch (RuntimeException e) {
            answer.onError(GrpcErrors.toStatus(e));
            return;
        }
        answer.onNext(value);
        answer.onCompleted();
    }
}
