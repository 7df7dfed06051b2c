package io.digitnet.models.web;

import io.digitnet.models.AliasChange;
import io.digitnet.models.ModelRegistry;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Moves and removes aliases such as {@code production}; {@code latest} is implicit and cannot be set. */
@RestController
@RequestMapping("/models/{id}/aliases/{alias}")
class ModelAliasesController {

    private final ModelRegistry registry;

    ModelAliasesController(ModelRegistry registry) {
        this.registry = registry;
    }

    @PutMapping
    AliasChange move(@PathVariable String id, @PathVariable String alias) {
        return registry.moveAlias(id, alias);
    }

    @DeleteMapping
    ResponseEntity<Void> remove(@PathVariable String id, @PathVariable String alias) {
        registry.removeAlias(id, alias);
        return ResponseEntity.noContent().build();
    }
}
