package io.digitnet.models.web;

import io.digitnet.models.InvalidModelImportException;
import io.digitnet.models.ModelImport;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/** Reads the optional {@code metadata} part of an import, strictly: a typo like "activaton" is an error, not ignored. */
final class ImportMetadata {

    private ImportMetadata() {
    }

    static ModelImport parse(JsonMapper json, String metadata) {
        if (metadata == null || metadata.isBlank()) {
            return null;
        }
        try {
            return json.readerFor(ModelImport.class)
                    .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(metadata);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidModelImportException(e.getPropertyName(), "metadata has an unknown field '"
                    + e.getPropertyName() + "'; known fields: name, activation, dataset");
        } catch (JacksonException e) {
            throw new InvalidModelImportException("metadata", "metadata is not a valid JSON object like "
                    + "{\"name\":\"from-numpy\",\"activation\":\"relu\",\"dataset\":\"mnist\"}: " + e.getOriginalMessage());
        }
    }
}
