package org.agora.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.SQLException;
import java.util.List;
import org.agora.testing.AgoraStack;
import org.junit.jupiter.api.Test;

/** {@link DirectSql}: its statements belong to the caller's transaction, and its parameters are parsed as SQL. */
@QuarkusTest
@WithTestResource(AgoraStack.class)
class DirectSqlTest {

    @Inject
    DirectSql sql;

    @Inject
    EntityManager em;

    @Test
    void namedParametersBecomePlaceholdersButCastsLiteralsAndQuotedNamesStay() {
        DirectSql.Parsed parsed = DirectSql.Parsed.of(
                "select (x = :v)::int, ':not', \"a:b\", 'it''s :no' from t where a = :t and b = :t and c = make_interval(secs => :w)");
        assertThat(parsed.jdbc()).isEqualTo(
                "select (x = ?)::int, ':not', \"a:b\", 'it''s :no' from t where a = ? and b = ? and c = make_interval(secs => ?)");
        assertThat(parsed.names()).containsExactly("v", "t", "t", "w");
        assertThatThrownBy(() -> DirectSql.Parsed.of("select ?")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DirectSql.Parsed.of("select 'open")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyParameterNeedsAValueAndNoOtherIsAccepted() {
        assertThatThrownBy(() -> sql.query("select :a").with("b", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().call(() -> sql.query("select :a, :b").with("a", 1).rows()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void statementsShareTheTransactionOfHibernateAndRollBackWithIt() {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("create table if not exists direct_sql_probe (id int primary key, note text)").executeUpdate());
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("delete from direct_sql_probe").executeUpdate());

        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("insert into direct_sql_probe values (1, 'by hibernate')").executeUpdate();
            // an uncommitted row of the same transaction, so the same connection
            List<Object[]> rows = sql.query("select note, :n from direct_sql_probe where id = :id").with("id", 1).with("n", 7L).rows();
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0)).containsExactly("by hibernate", 7L);
            assertThat(sql.query("insert into direct_sql_probe values (:id, :note)").with("id", 2).with("note", "direct").update()).isEqualTo(1);
        });
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            sql.query("insert into direct_sql_probe values (:id, :note)").with("id", 3).with("note", "rolled back").update();
            throw new IllegalStateException("roll back");
        })).isInstanceOf(IllegalStateException.class);

        List<Object> ids = QuarkusTransaction.requiringNew().call(() -> List.copyOf(em.createNativeQuery("select id from direct_sql_probe order by id").getResultList()));
        assertThat(ids).containsExactly((Object) 1, 2);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("drop table direct_sql_probe").executeUpdate());
    }

    @Test
    void outsideATransactionItRefusesRatherThanCommitEachStatementAlone() {
        assertThatThrownBy(() -> sql.query("select 1").rows()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aFailedStatementKeepsItsSqlState() {
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> sql.query("select 1 / :zero").with("zero", 0).rows()))
                .hasCauseInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e.getCause()).getSQLState()).isEqualTo("22012"));
    }
}
