package org.agora.ops;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Native SQL with {@code :named} parameters on the current transaction's connection, without Hibernate.
 *
 * <p>For the hottest writes only (votes, reactions: bench/README.md "What the runs showed"). A native query through
 * Hibernate costs more than its round trip: on every execution Hibernate builds the query object, binds through its
 * type system and reads the result set's metadata to map each column's type (about a fifth of a vote's CPU in JFR).
 * Here the SQL is parsed once into JDBC form and rows come back as {@code getObject} gives them.
 *
 * <p>The connection is the one the JTA transaction already holds (Agroal hands the same connection to every
 * {@code getConnection} in one transaction, Hibernate's included), so these statements see and lock exactly what
 * the transaction's other statements do, and commit or roll back with them. A transaction is required: outside one,
 * each statement would commit on its own and a row lock would end with its statement. Nothing is flushed first, so
 * callers must not mix these statements with unflushed entity changes.
 */
@ApplicationScoped
public class DirectSql {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TransactionSynchronizationRegistry transactions;

    private final Map<String, Parsed> parsed = new ConcurrentHashMap<>();
    private final AtomicLong executed = new AtomicLong();

    /** A statement to run: {@code sql} with {@code :name} parameters (a {@code ::type} cast is not one). */
    public Query query(String sql) {
        return new Query(parsed.computeIfAbsent(sql, Parsed::of));
    }

    /** For tests: how many statements this replica has run here. */
    public long statementsExecuted() {
        return executed.get();
    }

    /** A statement and its parameter values, run by {@link #rows} or {@link #update}. */
    public final class Query {
        private final Parsed sql;
        private final Map<String, Object> values = new LinkedHashMap<>();

        private Query(Parsed sql) {
            this.sql = sql;
        }

        public Query with(String name, Object value) {
            if (!sql.names().contains(name)) {
                throw new IllegalArgumentException("no parameter :" + name + " in " + sql.jdbc());
            }
            values.put(name, value);
            return this;
        }

        /** The rows, each as its columns' values in order. */
        public List<Object[]> rows() {
            return run(statement -> {
                try (ResultSet result = statement.executeQuery()) {
                    int columns = result.getMetaData().getColumnCount();
                    List<Object[]> rows = new ArrayList<>();
                    while (result.next()) {
                        Object[] row = new Object[columns];
                        for (int i = 0; i < columns; i++) {
                            row[i] = result.getObject(i + 1);
                        }
                        rows.add(row);
                    }
                    return rows;
                }
            });
        }

        /** The number of rows the statement changed. */
        public int update() {
            return run(PreparedStatement::executeUpdate);
        }

        private <T> T run(Execution<T> execution) {
            if (transactions.getTransactionKey() == null) {
                throw new IllegalStateException("DirectSql needs a transaction: " + sql.jdbc());
            }
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement statement = connection.prepareStatement(sql.jdbc())) {
                for (int i = 0; i < sql.names().size(); i++) {
                    String name = sql.names().get(i);
                    if (!values.containsKey(name)) {
                        throw new IllegalArgumentException("no value for :" + name + " in " + sql.jdbc());
                    }
                    statement.setObject(i + 1, values.get(name));
                }
                executed.incrementAndGet();
                return execution.run(statement);
            } catch (SQLException e) {
                // the cause keeps its SQLSTATE, which web/ErrorPages reads (503 when the database is away, 40P01 …)
                throw new DirectSqlException(e);
            }
        }
    }

    @FunctionalInterface
    private interface Execution<T> {
        T run(PreparedStatement statement) throws SQLException;
    }

    /** A statement that failed in the database; its cause is the driver's SQLException. */
    public static class DirectSqlException extends RuntimeException {
        DirectSqlException(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** SQL in JDBC form ({@code ?} for each parameter occurrence) and the parameter name of each {@code ?} in order. */
    record Parsed(String jdbc, List<String> names) {

        static Parsed of(String sql) {
            StringBuilder jdbc = new StringBuilder(sql.length());
            List<String> names = new ArrayList<>();
            int i = 0;
            while (i < sql.length()) {
                char c = sql.charAt(i);
                if (c == '\'' || c == '"') { // a literal or quoted identifier: copied as it is, up to its closing quote
                    int end = sql.indexOf(c, i + 1);
                    while (end >= 0 && end + 1 < sql.length() && sql.charAt(end + 1) == c) {
                        end = sql.indexOf(c, end + 2); // a doubled quote inside
                    }
                    if (end < 0) {
                        throw new IllegalArgumentException("unclosed quote in " + sql);
                    }
                    jdbc.append(sql, i, end + 1);
                    i = end + 1;
                } else if (c == ':' && i + 1 < sql.length() && sql.charAt(i + 1) == ':') {
                    jdbc.append("::"); // a cast
                    i += 2;
                } else if (c == ':' && i + 1 < sql.length() && Character.isJavaIdentifierStart(sql.charAt(i + 1))) {
                    int end = i + 1;
                    while (end < sql.length() && Character.isJavaIdentifierPart(sql.charAt(end))) {
                        end++;
                    }
                    names.add(sql.substring(i + 1, end));
                    jdbc.append('?');
                    i = end;
                } else if (c == '?') {
                    throw new IllegalArgumentException("use :named parameters, not ?, in " + sql);
                } else {
                    jdbc.append(c);
                    i++;
                }
            }
            return new Parsed(jdbc.toString(), List.copyOf(names));
        }
    }
}
