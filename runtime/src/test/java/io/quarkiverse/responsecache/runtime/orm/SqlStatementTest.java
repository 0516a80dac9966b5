package io.quarkiverse.responsecache.runtime.orm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlStatementTest {

    @Test
    void aQueryReadsItsTablesUnquotedLowerCaseWithoutSchema() {
        SqlStatement query = SqlStatement.parse(
                "select b1_0.id,b1_0.title from \"Library\".\"Book\" b1_0 left join library.author a1_0 on a1_0.id=b1_0.author_id");
        assertThat(query.writes()).isFalse();
        assertThat(query.identifiers()).contains("book", "author", "title").doesNotContain("library", "b1_0.id");
    }

    @Test
    void dmlWrites() {
        assertThat(SqlStatement.parse("update Book set price=price*? where price<?").writes()).isTrue();
        assertThat(SqlStatement.parse("  delete from book where id=?").writes()).isTrue();
        assertThat(SqlStatement.parse("INSERT INTO author (name,id) values (?,?)").writes()).isTrue();
        assertThat(SqlStatement.parse("insert into author (name,id) values (?,?)").identifiers()).contains("author");
    }

    @Test
    void aCteWritesOnlyWhenItHoldsDml() {
        assertThat(SqlStatement.parse("with cte as (select id from book) delete from book where id in (select id from cte)")
                .writes()).isTrue();
        assertThat(SqlStatement.parse("with cte as (select id from book) select * from cte").writes()).isFalse();
    }

    @Test
    void anUnknownStatementCountsAsAWrite() {
        assertThat(SqlStatement.parse("call refresh_prices()").writes()).isTrue();
        assertThat(SqlStatement.parse("").writes()).isTrue();
    }

    @Test
    void literalsAndCommentsNameNoTable() {
        SqlStatement query = SqlStatement.parse("/* from book */ select 'author' from dual -- join review\n where 1=1");
        assertThat(query.identifiers()).doesNotContain("book", "author", "review").contains("dual");
        assertThat(query.writes()).isFalse();
    }

    @Test
    void bracketsAndBackticksAreQuotes() {
        assertThat(SqlStatement.parse("select * from [dbo].[Book] join `shop`.`Author`").identifiers())
                .contains("book", "author");
    }
}
