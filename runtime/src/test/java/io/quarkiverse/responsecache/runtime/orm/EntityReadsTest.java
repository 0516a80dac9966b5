package io.quarkiverse.responsecache.runtime.orm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class EntityReadsTest {

    @Test
    void rowsReadByIdTagTheirRowAndTheirTypesAnyRow() {
        EntityReads reads = new EntityReads(10);
        reads.row("Book", 1L);
        reads.row("Book", 2L);
        reads.row("Author", 7L);
        assertThat(reads.tags()).containsExactlyInAnyOrder("entity:Book#1", "entity:Book#2", "entity:Book#*",
                "entity:Author#7", "entity:Author#*");
    }

    @Test
    void aQueriedTypeStandsForItsRows() {
        EntityReads reads = new EntityReads(10);
        reads.queried(List.of("Book"));
        reads.row("Book", 1L);
        reads.row("Author", 7L);
        assertThat(reads.tags()).containsExactlyInAnyOrder("entity:Book", "entity:Author#7", "entity:Author#*");
    }

    @Test
    void beyondTheBoundRowsFallBackToTheirTypes() {
        EntityReads reads = new EntityReads(2);
        reads.row("Book", 1L);
        reads.row("Book", 2L);
        assertThat(reads.tags()).contains("entity:Book#1");
        reads.row("Author", 3L);
        assertThat(reads.tags()).containsExactlyInAnyOrder("entity:Book", "entity:Author");
    }

    @Test
    void theStatementOfALoadByIdIsNoQueryOfItsType() {
        EntityReads reads = new EntityReads(10);
        reads.loadStarts("Book");
        reads.queried(List.of("Book", "Author"));
        reads.loadEnds("Book");
        reads.row("Book", 1L);
        reads.queried(List.of("Review"));
        assertThat(reads.tags()).containsExactlyInAnyOrder("entity:Book#1", "entity:Book#*", "entity:Author",
                "entity:Review");
    }

    @Test
    void tenThousandRowsAreTaggedByTheirTypeAlone() {
        EntityReads reads = new EntityReads(2);
        for (long id = 0; id < 10_000; id++) {
            reads.row("Book", id);
        }
        assertThat(reads.tags()).containsExactly("entity:Book");
    }
}
