package org.agora.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Fresh request ids are version-4 UUIDs, distinct; a caller's sane id is kept, anything else replaced. */
class RequestIdsTest {

    @Test
    void freshIdsAreDistinctVersionFourUuids() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            String id = RequestIds.fresh();
            UUID uuid = UUID.fromString(id);
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(uuid.toString()).isEqualTo(id).matches("[0-9a-f-]{36}");
            seen.add(id);
        }
        assertThat(seen).hasSize(100_000);
    }

    @Test
    void keepsOnlySaneIdsFromOutside() {
        assertThat(RequestIds.accepted("lb-4f2a9c1e-0001")).isEqualTo("lb-4f2a9c1e-0001");
        assertThat(RequestIds.accepted("x\" evil=\"1")).matches("[0-9a-f-]{36}");
        assertThat(RequestIds.accepted(null)).matches("[0-9a-f-]{36}");
        assertThat(RequestIds.accepted("short")).matches("[0-9a-f-]{36}");
    }
}
