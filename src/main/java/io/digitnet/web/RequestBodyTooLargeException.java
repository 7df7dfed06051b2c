package io.digitnet.web;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A streamed (chunked) request body that went past its limit; answered 413. Unchecked and an
 * {@link org.springframework.web.ErrorResponse} on purpose: it is thrown from inside whatever reads the body
 * (Jackson, the prediction parsers), and an unchecked exception passes through them where an {@code IOException}
 * would be wrapped as a JSON syntax error (400). Where it is wrapped anyway (Jackson's data binding wraps exceptions
 * with the field they interrupted), {@link ProblemDetailsAdvice} finds it in the cause chain.
 */
public class RequestBodyTooLargeException extends ErrorResponseException {

    public RequestBodyTooLargeException(long limit, String setting) {
        super(HttpStatus.CONTENT_TOO_LARGE, problem(limit, setting), null);
    }

    static ProblemDetail problem(long limit, String setting) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                "The request body is larger than the limit of " + limit + " bytes (" + setting + ").");
        problem.setType(URI.create("urn:digitnet:problem:body-too-large"));
        problem.setTitle("Request body too large");
        return problem;
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }
}
