package io.pendule.packs.control;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The latest version: numeric segments compared as numbers, others as text, a longer version after its start. */
class PackVersionsTest {

    @Test
    void versionsSortByNumericSegmentsThenText() {
        List<String> sorted = Stream.of("0.10.0", "0.9.1", "1.0-rc2", "0.3.7", "1.0", "1.0.1", "1.0-rc1", "0.9", "2024.01.05", "1.0.0")
                .sorted(PackVersions.ORDER).toList();
        assertEquals(List.of("0.3.7", "0.9", "0.9.1", "0.10.0", "1.0", "1.0.0", "1.0.1", "1.0-rc1", "1.0-rc2", "2024.01.05"), sorted);
    }

    @Test
    void equalNumbersWrittenDifferentlyStillHaveAnOrder() {
        assertEquals(List.of("01", "1"), Stream.of("1", "01").sorted(PackVersions.ORDER).toList());
    }
}
