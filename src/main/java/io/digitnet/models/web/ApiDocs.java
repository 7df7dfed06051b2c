package io.digitnet.models.web;

/** OpenAPI wording shared by the models controllers. */
final class ApiDocs {

    static final String PROBLEM_JSON = "application/problem+json";
    static final String ID_OR_ALIAS = "A model id (m-20260101120000000-1a2b3c) or an alias (production, latest)";
    static final String ID = "A model id, e.g. m-20260101120000000-1a2b3c";

    private ApiDocs() {
    }
}
