package io.digitnet.models.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.digitnet.models.FileModelAliases;
import io.digitnet.models.FileModelStore;
import io.digitnet.models.ModelCache;
import io.digitnet.models.ModelDraft;
import io.digitnet.models.ModelImporter;
import io.digitnet.models.ModelMetadata;
import io.digitnet.models.ModelRegistry;
import io.digitnet.models.ModelsConfiguration;
import io.digitnet.models.TestNetworks;
import io.digitnet.nn.Activation;
import io.digitnet.npy.NumpyBytes;
import io.digitnet.web.ProblemDetailsAdvice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(controllers = {ModelsController.class, ModelAliasesController.class},
        properties = "digitnet.datasets.provision-at-startup=false")
@Import({ModelsConfiguration.class, FileModelStore.class, FileModelAliases.class, ModelRegistry.class, ModelCache.class,
        ModelImporter.class,
        DatasetsForTests.class, ProblemDetailsAdvice.class})
class ModelsControllerTests {

    @TempDir
    static Path dir;

    @DynamicPropertySource
    static void modelDirectory(DynamicPropertyRegistry registry) {
        registry.add("digitnet.models.dir", () -> dir.toString());
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    FileModelStore store;

    private ModelMetadata save(String name, long seed) {
        return store.save(new ModelDraft(name, Activation.RELU, "mnist", Map.of("epochs", 3),
                Map.of("testAccuracy", 0.9123), "job-" + seed), TestNetworks.parameters(3, seed));
    }

    @Test
    void listsModelsNewestFirst() throws Exception {
        ModelMetadata older = save("older", 1);
        ModelMetadata newer = save("newer", 2);

        mvc.perform(get("/models"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].id").value(newer.id()))
                .andExpect(jsonPath("$[0].name").value("newer"))
                .andExpect(jsonPath("$[0].createdAt").value(newer.createdAt().toString()))
                .andExpect(jsonPath("$[0].architecture.hiddenSize").value(3))
                .andExpect(jsonPath("$[0].architecture.activation").value("relu"))
                .andExpect(jsonPath("$[0].dataset").value("mnist"))
                .andExpect(jsonPath("$[0].testAccuracy").value(0.9123))
                .andExpect(jsonPath("$[0].aliases[0]").value("latest"))
                .andExpect(jsonPath("$[0].status").value("ready"))
                .andExpect(jsonPath("$[1].id").value(older.id()));
    }

    @Test
    void describesOneModelByIdOrAlias() throws Exception {
        ModelMetadata model = save("described", 3);
        mvc.perform(put("/models/{id}/aliases/staging", model.id())).andExpect(status().isOk());

        for (String name : new String[] {model.id(), "staging"}) {
            mvc.perform(get("/models/{id}", name))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.id").value(model.id()))
                    .andExpect(jsonPath("$.weightsSha256").value(model.weightsSha256()))
                    .andExpect(jsonPath("$.trainingConfig.epochs").value(3))
                    .andExpect(jsonPath("$.jobId").value("job-3"))
                    .andExpect(jsonPath("$.aliases[?(@ == 'staging')]").exists());
        }
    }

    @Test
    void unknownAndMalformedIdsAreProblems() throws Exception {
        mvc.perform(get("/models/m-20200101000000000-abcdef"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Model not found"))
                .andExpect(jsonPath("$.detail").value(containsString("m-20200101000000000-abcdef")));
        for (String bad : new String[] {"..", "%2e%2e", ".tmp-1", "M-1"}) {
            mvc.perform(get("/models/" + bad + "/weights"))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.title").value("Invalid model id or alias"));
        }
        mvc.perform(get("/models/nosuchalias")).andExpect(status().isNotFound());
    }

    @Test
    void deletingAModelAnAliasPointsAtNeedsForce() throws Exception {
        ModelMetadata model = save("deleted", 4);
        mvc.perform(put("/models/{id}/aliases/production", model.id()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.alias").value("production"))
                .andExpect(jsonPath("$.modelId").value(model.id()));

        mvc.perform(delete("/models/{id}", model.id()))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.title").value("Model is in use"))
                .andExpect(jsonPath("$.aliases[0]").value("production"));
        mvc.perform(delete("/models/{id}", model.id()).param("force", "true")).andExpect(status().isNoContent());

        mvc.perform(get("/models/{id}", model.id())).andExpect(status().isNotFound());
        mvc.perform(get("/models/production")).andExpect(status().isNotFound());
        assertThat(dir.resolve(model.id())).doesNotExist();
    }

    @Test
    void deletesAModelWithoutAliases() throws Exception {
        ModelMetadata model = save("plain", 5);
        mvc.perform(delete("/models/{id}", model.id())).andExpect(status().isNoContent());
        mvc.perform(delete("/models/{id}", model.id())).andExpect(status().isNotFound());
    }

    @Test
    void movesAndRemovesAliases() throws Exception {
        ModelMetadata first = save("first", 6);
        ModelMetadata second = save("second", 7);
        mvc.perform(put("/models/{id}/aliases/canary", first.id())).andExpect(status().isOk())
                .andExpect(jsonPath("$.previousModelId").doesNotExist());

        mvc.perform(put("/models/{id}/aliases/canary", second.id()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.modelId").value(second.id()))
                .andExpect(jsonPath("$.previousModelId").value(first.id()));
        mvc.perform(get("/models/canary")).andExpect(jsonPath("$.id").value(second.id()));

        mvc.perform(delete("/models/{id}/aliases/canary", first.id()))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.title").value("Alias conflict"));
        mvc.perform(delete("/models/{id}/aliases/canary", second.id())).andExpect(status().isNoContent());
        mvc.perform(get("/models/canary")).andExpect(status().isNotFound());
    }

    @Test
    void latestAndMalformedAliasesCannotBeSet() throws Exception {
        ModelMetadata model = save("x", 8);
        mvc.perform(put("/models/{id}/aliases/latest", model.id()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.detail").value(containsString("newest")));
        mvc.perform(put("/models/{id}/aliases/Bad.Alias", model.id())).andExpect(status().isBadRequest());
        mvc.perform(put("/models/{id}/aliases/prod", "m-20200101000000000-abcdef")).andExpect(status().isNotFound());
    }

    @Test
    void downloadsTheStoredWeightsByteForByte() throws Exception {
        ModelMetadata model = save("download", 9);
        byte[] stored = Files.readAllBytes(dir.resolve(model.id()).resolve("weights.npz"));

        byte[] downloaded = mvc.perform(get("/models/{id}/weights", model.id()))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.APPLICATION_OCTET_STREAM))
                .andExpect(header().string("Content-Disposition", "attachment; filename=\"" + model.id() + ".npz\""))
                .andExpect(header().string("ETag", "\"" + model.weightsSha256() + "\""))
                .andReturn().getResponse().getContentAsByteArray();

        assertThat(downloaded).isEqualTo(stored);
    }

    @Test
    void damagedWeightsAreNeverDownloaded() throws Exception {
        ModelMetadata model = save("damaged", 10);
        Path weights = dir.resolve(model.id()).resolve("weights.npz");
        byte[] bytes = Files.readAllBytes(weights);
        bytes[200] ^= 0x40;
        Files.write(weights, bytes);

        mvc.perform(get("/models/{id}/weights", model.id()).accept(MediaType.APPLICATION_OCTET_STREAM))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.title").value("Model is corrupt"))
                .andExpect(jsonPath("$.detail").value(containsString("SHA-256")));
        mvc.perform(get("/models/{id}", model.id())).andExpect(jsonPath("$.status").value("corrupt"));
        mvc.perform(get("/models")).andExpect(jsonPath("$[?(@.id == '" + model.id() + "')].status").value("corrupt"));
    }

    @Test
    void importsAnNpzInNumpysLayoutAndExportsItBack() throws Exception {
        byte[] npz = TestNetworks.npz(4, 11);

        String location = mvc.perform(multipart("/models")
                        .file("weights", npz)
                        .file(jsonPart("{\"name\":\"from-numpy\",\"activation\":\"relu\",\"dataset\":\"mnist\"}")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.name").value("from-numpy"))
                .andExpect(jsonPath("$.architecture.inputSize").value(784))
                .andExpect(jsonPath("$.architecture.hiddenSize").value(4))
                .andExpect(jsonPath("$.architecture.outputSize").value(10))
                .andExpect(jsonPath("$.architecture.activation").value("relu"))
                .andExpect(jsonPath("$.dataset").value("mnist"))
                .andReturn().getResponse().getHeader("Location");
        String id = location.substring("/models/".length());
        assertThat(store.load(id).parameters().asMap()).isEqualTo(TestNetworks.parameters(4, 11).asMap());

        // float32 arrays in numpy's layout come back byte for byte
        byte[] exported = mvc.perform(get(location + "/weights")).andReturn().getResponse().getContentAsByteArray();
        assertThat(exported).isEqualTo(npz);
    }

    @Test
    void importDefaultsToSigmoidWithoutMetadata() throws Exception {
        mvc.perform(multipart("/models").file("weights", TestNetworks.npz(2, 12)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.architecture.activation").value("sigmoid"))
                .andExpect(jsonPath("$.dataset").doesNotExist());
    }

    @Test
    void importTakesMetadataAsAPlainFormField() throws Exception {
        mvc.perform(multipart("/models").file("weights", TestNetworks.npz(2, 13))
                        // what curl -F 'metadata={...}' sends: a part without a file name or a content type
                        .part(new org.springframework.mock.web.MockPart("metadata", "{\"activation\":\"relu\"}".getBytes())))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.architecture.activation").value("relu"));
    }

    @Test
    void importRejectsBadWeightsWithClearProblems() throws Exception {
        assertImportProblem("not a zip".getBytes(), null, "not a valid .npz");
        byte[] missing = io.digitnet.npy.NumpyBytes.savez(io.digitnet.npy.NumpyBytes.entries(
                "W1", io.digitnet.npy.NumpyBytes.npyFloat32("(784, 1)", false, new float[784])));
        assertImportProblem(missing, null, "lacks [W2, b1, b2]");
        byte[] wrongShape = io.digitnet.npy.NumpyBytes.savez(io.digitnet.npy.NumpyBytes.entries(
                "W1", io.digitnet.npy.NumpyBytes.npyFloat32("(28, 28)", false, new float[784]),
                "b1", io.digitnet.npy.NumpyBytes.npyFloat32("(28,)", false, new float[28]),
                "W2", io.digitnet.npy.NumpyBytes.npyFloat32("(28, 10)", false, new float[280]),
                "b2", io.digitnet.npy.NumpyBytes.npyFloat32("(10,)", false, new float[10])));
        assertImportProblem(wrongShape, null, "'W1' has shape [28, 28] but must be [784, H]");
    }

    @Test
    void importRejectsBadMetadataNamingTheField() throws Exception {
        byte[] npz = TestNetworks.npz(2, 14);
        assertImportProblem(npz, "{\"activation\":\"tanh\"}", "unknown activation 'tanh'")
                .andExpect(jsonPath("$.field").value("activation"));
        assertImportProblem(npz, "{\"dataset\":\"mnsit\"}", "unknown dataset 'mnsit'")
                .andExpect(jsonPath("$.field").value("dataset"));
        assertImportProblem(npz, "{\"activaton\":\"relu\"}", "unknown field 'activaton'")
                .andExpect(jsonPath("$.field").value("activaton"));
        assertImportProblem(npz, "{\"name\": ", "not a valid JSON object");
    }

    @Test
    void importWithoutWeightsIsABadRequest() throws Exception {
        mvc.perform(multipart("/models").file(jsonPart("{}")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("weights")));
    }

    private org.springframework.test.web.servlet.ResultActions assertImportProblem(byte[] npz, String metadata,
                                                                                   String detail) throws Exception {
        var request = multipart("/models").file("weights", npz);
        if (metadata != null) {
            request.file(jsonPart(metadata));
        }
        return mvc.perform(request)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(containsString(detail)));
    }

    private static org.springframework.mock.web.MockMultipartFile jsonPart(String json) throws IOException {
        return new org.springframework.mock.web.MockMultipartFile("metadata", "", MediaType.APPLICATION_JSON_VALUE,
                json.getBytes());
    }
}
