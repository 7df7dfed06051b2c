package io.digitnet.models.web;

import static io.digitnet.models.web.ApiDocs.ID;
import static io.digitnet.models.web.ApiDocs.PROBLEM_JSON;

import io.digitnet.models.AliasChange;
import io.digitnet.models.ModelRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Moves and removes aliases such as {@code production}; {@code latest} is implicit and cannot be set. */
@RestController
@RequestMapping("/models/{id}/aliases/{alias}")
@Tag(name = "models")
@ApiResponse(responseCode = "400", description = "Malformed id or alias, or 'latest' (which is implicit)",
        content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "404", description = "No such model, or no such alias",
        content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "409", description = "The model is damaged, or the alias names another model",
        content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
class ModelAliasesController {

    private static final String ALIAS = "A lowercase name such as production or staging";

    private final ModelRegistry registry;

    ModelAliasesController(ModelRegistry registry) {
        this.registry = registry;
    }

    @PutMapping
    @Operation(summary = "Point an alias at this model",
            description = "Moves the alias in one atomic step; requests already in flight finish with the model they resolved.")
    @ApiResponse(responseCode = "200", description = "The alias, its model and the model it pointed at before")
    AliasChange move(@Parameter(description = ID) @PathVariable String id,
                     @Parameter(description = ALIAS) @PathVariable String alias) {
        return registry.moveAlias(id, alias);
    }

    @DeleteMapping
    @Operation(summary = "Remove an alias that points at this model")
    @ApiResponse(responseCode = "204", description = "Removed")
    ResponseEntity<Void> remove(@Parameter(description = ID) @PathVariable String id,
                                @Parameter(description = ALIAS) @PathVariable String alias) {
        registry.removeAlias(id, alias);
        return ResponseEntity.noContent().build();
    }
}
