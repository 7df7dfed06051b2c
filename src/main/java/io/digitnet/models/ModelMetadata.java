package io.digitnet.models;

import io.digitnet.datasets.ClassNames;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The content of a model's {@code model.json}.
 *
 * @param dataset    the dataset it was trained on (or declared for an import); null when unknown
 * @param warnings   why the model should not be trusted (such as accuracy no better than chance); a model with
 *                   warnings is never chosen by default ({@code latest}) but can still be used by its id or an alias
 * @param classNames what each output means, in output order (label k is classNames[k]); model.json files written
 *                   before this field existed get their dataset's built-in names, or "0".."n-1"
 */
public record ModelMetadata(String id, String name, Instant createdAt, Architecture architecture, String dataset,
                            Map<String, Object> trainingConfig, Map<String, Object> metrics, String jobId,
                            String weightsSha256, List<String> warnings, List<String> classNames) {

    public ModelMetadata {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        if (classNames == null && architecture != null) {
            classNames = defaultClassNames(dataset, architecture.outputSize());
        }
        classNames = classNames == null ? null : List.copyOf(classNames);
    }

    public ModelMetadata(String id, String name, Instant createdAt, Architecture architecture, String dataset,
                         Map<String, Object> trainingConfig, Map<String, Object> metrics, String jobId,
                         String weightsSha256) {
        this(id, name, createdAt, architecture, dataset, trainingConfig, metrics, jobId, weightsSha256, List.of(),
                null);
    }

    /** What output {@code label} means. */
    public String className(int label) {
        return classNames != null && label < classNames.size() ? classNames.get(label) : Integer.toString(label);
    }

    /** A built-in dataset's names when they fit the output size, else "0".."n-1". */
    static List<String> defaultClassNames(String dataset, int outputSize) {
        return ClassNames.builtIn(dataset).filter(names -> names.size() == outputSize)
                .orElseGet(() -> ClassNames.numbered(outputSize));
    }
}
