package io.digitnet.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ModelIdsTests {

    /** The documented form of an id, which {@link ModelIds#isId} checks without a regex. */
    private static final Pattern ID = Pattern.compile("m-[0-9]{17}-[0-9a-f]{6}");

    @Test
    void newIdsAreIds() {
        for (int i = 0; i < 100; i++) {
            String id = ModelIds.newId(Instant.ofEpochMilli(1_700_000_000_000L + i * 7_919L));
            assertThat(ModelIds.isId(id)).as(id).isTrue();
            assertThat(ModelIds.isAlias(id)).as(id).isFalse();
        }
    }

    @Test
    void refusesWhatIsNotExactlyAnId() {
        for (String value : List.of("", "m-", "latest", "m-2026010112000000-1a2b3c", "m-202601011200000000-1a2b3c",
                "m-20260101120000000-1a2b3", "m-20260101120000000-1a2b3c0", "m-20260101120000000-1A2B3C",
                "m-20260101120000000_1a2b3c", "M-20260101120000000-1a2b3c", "m-2026010112000000x-1a2b3c",
                "m-20260101120000000-1a2b3g", "m-2026010112000000٣-1a2b3c", "../20260101120000000-1a2b3c",
                " m-20260101120000000-1a2b3c", "m-20260101120000000-1a2b3c/")) {
            assertThat(ModelIds.isId(value)).as(value).isFalse();
        }
        assertThat(ModelIds.isId(null)).isFalse();
        assertThat(ModelIds.isId("m-20260101120000000-1a2b3c")).isTrue();
    }

    @Test
    void agreesWithThePatternOnRandomNearIds() {
        SplittableRandom random = new SplittableRandom(9);
        String alphabet = "0123456789abcdefgAF-m_/.٣ ";
        for (int i = 0; i < 100_000; i++) {
            char[] chars = "m-20260101120000000-1a2b3c".toCharArray();
            for (int k = random.nextInt(3); k >= 0; k--) {
                chars[random.nextInt(chars.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            String value = new String(chars);
            assertThat(ModelIds.isId(value)).as(value).isEqualTo(ID.matcher(value).matches());
        }
    }
}
