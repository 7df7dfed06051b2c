package io.digitnet.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** The web layer knows no feature's URLs: limits and key requirements come from the groups features declare. */
class EndpointGroupTests {

    private final List<EndpointGroup> groups = List.of(new EndpointGroup("computations", List.of("/compute"),
            DataSize.ofKilobytes(8), "feature.max-request-size", false));
    private final LimitSettings limits = new LimitSettings(DataSize.ofKilobytes(16), DataSize.ofKilobytes(1),
            Duration.ofSeconds(15), Duration.ofMinutes(10));

    @Test
    void aDeclaredGroupSetsTheBodyLimitOfItsPathsAndEverythingBelow() {
        assertThat(limits.limitFor("/compute", "application/json", groups))
                .isEqualTo(new LimitSettings.Limit(8192, "feature.max-request-size"));
        assertThat(limits.limitFor("/compute/more", "application/json", groups).bytes()).isEqualTo(8192);
        assertThat(limits.limitFor("/computer", "application/json", groups))
                .isEqualTo(new LimitSettings.Limit(1024, "digitnet.limits.body-size"));
        assertThat(limits.limitFor("/compute", "multipart/form-data; boundary=x", groups))
                .isEqualTo(new LimitSettings.Limit(16384, "digitnet.limits.upload-size"));
    }

    @Test
    void withoutDeclarationsNothingIsSpecial() {
        assertThat(limits.limitFor("/predict", "application/json", List.of()).bytes()).isEqualTo(1024);
        assertThat(new SecuritySettings("key", false).requiresKey("POST", "/predict", List.of())).isTrue();
    }

    @Test
    void postsToAGroupWithoutMutationsNeedTheKeyOnlyWhenProtected() {
        SecuritySettings open = new SecuritySettings("key", false);
        SecuritySettings protectedToo = new SecuritySettings("key", true);
        assertThat(open.requiresKey("POST", "/compute/x", groups)).isFalse();
        assertThat(protectedToo.requiresKey("POST", "/compute/x", groups)).isTrue();
        assertThat(open.requiresKey("POST", "/jobs", groups)).isTrue();
        assertThat(open.requiresKey("GET", "/jobs", groups)).isFalse();
    }
}
