package io.digitnet.datasets;

import java.util.List;

/**
 * A named dataset with its training and test splits.
 *
 * @param classNames what each label means, in label order; labels are 0..classNames.size()-1
 */
public record Dataset(String name, LabeledImages train, LabeledImages test, List<String> classNames) {

    public Dataset {
        classNames = List.copyOf(classNames);
    }

    /** A dataset of ten digit classes "0".."9". */
    public Dataset(String name, LabeledImages train, LabeledImages test) {
        this(name, train, test, ClassNames.numbered(10));
    }

    public int classCount() {
        return classNames.size();
    }
}
