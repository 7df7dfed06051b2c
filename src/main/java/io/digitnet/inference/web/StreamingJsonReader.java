package io.digitnet.inference.web;

import java.io.IOException;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;

/**
 * A read-only converter for one request type, parsed with a streaming JSON parser: subclasses only say how to read
 * the tokens. The body's size is limited before (see {@link PredictionEndpoints}).
 */
abstract class StreamingJsonReader<T> extends AbstractHttpMessageConverter<T> {

    private final Class<T> type;

    StreamingJsonReader(Class<T> type) {
        this(type, MediaType.APPLICATION_JSON);
    }

    /** @param mediaTypes the content types read as JSON */
    StreamingJsonReader(Class<T> type, MediaType... mediaTypes) {
        super(mediaTypes);
        this.type = type;
    }

    /** Reads the whole request from the parser; errors are {@code InvalidInputException}s naming the field. */
    abstract T read(JsonParser p);

    @Override
    protected boolean supports(Class<?> candidate) {
        return candidate == type;
    }

    @Override
    public boolean canWrite(Class<?> candidate, MediaType mediaType) {
        return false;
    }

    @Override
    protected T readInternal(Class<? extends T> candidate, HttpInputMessage input) throws IOException {
        try (JsonParser p = JsonInput.parser(input.getBody())) {
            return read(p);
        } catch (JacksonException e) {
            throw JsonInput.malformed(e);
        }
    }

    @Override
    protected void writeInternal(T request, HttpOutputMessage output) {
        throw new UnsupportedOperationException(type.getSimpleName() + " is only read");
    }
}
