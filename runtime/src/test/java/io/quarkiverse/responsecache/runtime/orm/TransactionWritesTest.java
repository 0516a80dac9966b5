package io.quarkiverse.responsecache.runtime.orm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

class TransactionWritesTest {

    @Test
    void aFewRowsEvictTheirOwnTags() {
        Set<String> tags = Set.of("entity:Book#1", "entity:Book", "entity:Author#2", "entity:Author");
        assertThat(TransactionWrites.bounded(tags, 2)).isEqualTo(tags);
    }

    @Test
    void beyondTheBoundATransactionEvictsTypes() {
        Set<String> tags = Set.of("entity:Book#1", "entity:Book#2", "entity:Book", "entity:Author#2", "entity:Author");
        assertThat(TransactionWrites.bounded(tags, 2)).containsExactlyInAnyOrder("entity:Book", "entity:Book#*",
                "entity:Author", "entity:Author#*");
    }
}
