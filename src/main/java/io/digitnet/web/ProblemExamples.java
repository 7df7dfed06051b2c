package io.digitnet.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Realistic problem details for the OpenAPI document's error responses, as the service writes them. */
final class ProblemExamples {

    private static final String JOB_ID = "5b0e6d2c-8f5e-4d7b-9a41-0c2f1d9e3a77";
    private static final String MODEL_ID = "m-20260101120000000-1a2b3c";

    private ProblemExamples() {
    }

    /** @param bodyLimit the body limit of the operation, in bytes (for 413) */
    static Map<String, Object> of(String path, String tag, int status, long bodyLimit) {
        Map<String, Object> problem = switch (status) {
            case 400 -> switch (tag) {
                case "jobs" -> withErrors(problem("invalid-request", "Invalid job request", 400,
                        "hiddenSize: must be between 1 and 1000, was 5000"), "hiddenSize",
                        "must be between 1 and 1000, was 5000");
                case "datasets" -> withErrors(problem("invalid-request", "Invalid dataset", 400,
                        "file: line 12 has 784 columns; every line needs 785 (the label, then 784 pixels)"), "file",
                        "line 12 has 784 columns; every line needs 785 (the label, then 784 pixels)");
                case "sweeps" -> withErrors(problem("invalid-request", "Invalid sweep request", 400,
                        "grid.hidenSize: unknown parameter"), "grid.hidenSize", "unknown parameter");
                case "prediction", "V2" -> path.endsWith("/image")
                        ? problem("invalid-input", "Invalid input", 400, "the image is neither a PNG nor a JPEG")
                        : problem("invalid-input", "Invalid input", 400,
                        "pixels has 783 values; an image needs exactly 784 (28×28, row by row)");
                default -> problem("invalid-model-reference", "Invalid model id or alias", 400,
                        "'../secret' is neither a model id nor an alias");
            };
            case 401 -> problem("unauthorized", "API key required", 401,
                    "This endpoint requires an API key: send 'Authorization: Bearer <key>' or 'X-API-Key: <key>'.");
            case 404 -> tag.equals("datasets")
                    ? problem("dataset-not-found", "Dataset not found", 404, "no dataset called 'emnist'")
                    : tag.equals("sweeps")
                    ? problem("sweep-not-found", "Sweep not found", 404, "no sweep with id '" + JOB_ID + "'")
                    : tag.equals("jobs")
                    ? problem("job-not-found", "Job not found", 404,
                            "no job with id '" + JOB_ID + "'")
                    : problem("model-not-found", "Model not found", 404, "no model or alias named 'production'");
            case 409 -> switch (tag) {
                case "jobs" -> problem("job-finished", "Job already finished", 409, "job '" + JOB_ID
                        + "' has already finished (SUCCEEDED); only QUEUED or RUNNING jobs can be cancelled");
                case "datasets" -> problem("dataset-in-use", "Dataset in use", 409, "dataset 'letters' is in use: "
                        + "jobs queued or running on it: " + JOB_ID + " (cancel them first)");
                case "sweeps" -> problem("sweep-ended", "Sweep already ended", 409, "sweep '" + JOB_ID
                        + "' has already ended (SUCCEEDED)");
                case "models" -> problem("model-in-use", "Model is in use", 409,
                        "model " + MODEL_ID + " is the target of alias 'production'");
                default -> problem("model-corrupt", "Model is corrupt", 409,
                        "model " + MODEL_ID + " failed its checksum and is not served");
            };
            case 413 -> problem("body-too-large", "Request body too large", 413,
                    "The request body has " + (bodyLimit + 1) + " bytes; the limit for " + path + " is " + bodyLimit
                            + " bytes (see digitnet.limits.*).");
            case 429 -> problem("job-queue-full", "Training queue full", 429,
                    "the training queue is full (10 jobs waiting); try again in about 30 seconds");
            case 503 -> path.endsWith("/events")
                    ? problem("event-stream-limit", "Too many event streams", 503,
                            "too many open event streams (the limit is 16); poll GET /jobs/{id} instead or retry later")
                    : problem("dataset-unavailable", "Dataset unavailable", 503,
                            "dataset 'fashion-mnist' is not available: no mirror could be reached");
            case 500 -> problem("internal-error", "Internal server error", 500,
                    "The server could not complete the request. The error has been logged.");
            default -> problem("about:blank", "Error", status, "The request failed");
        };
        problem.put("instance", path.replace("{id}", tag.equals("jobs") ? JOB_ID : MODEL_ID)
                .replace("{name}", "production").replace("{alias}", "production"));
        return problem;
    }

    private static Map<String, Object> problem(String slug, String title, int status, String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", slug.contains(":") ? slug : "urn:digitnet:problem:" + slug);
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        return problem;
    }

    private static Map<String, Object> withErrors(Map<String, Object> problem, String field, String message) {
        problem.put("errors", List.of(Map.of("field", field, "message", message)));
        return problem;
    }
}
