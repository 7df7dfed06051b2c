/**
 * The HTTP machinery that no feature owns: problem details in one style ({@code Problems}, the generic
 * {@code ProblemDetailsAdvice}), the body-size and API-key filters, failed-request logging, one client's server-sent
 * event stream ({@code EventStream}, for jobs and sweeps), and the OpenAPI document's conventions. Knows no feature:
 * features declare their endpoints ({@code EndpointGroup}) and map their own exceptions from their {@code web}
 * sub-packages. May use {@code files}; used by the features' {@code web} sub-packages.
 */
@ApplicationModule(displayName = "Web")
package io.digitnet.web;

import org.springframework.modulith.ApplicationModule;
