package org.advocacyalerts.support;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;

/** Plain JDBC transactions: the work either commits whole or not at all. */
public final class Jdbc {

    /** Work on one connection inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Reads one row of a result. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private Jdbc() {}

    /** Every row of a query with positional parameters (Instants are bound as timestamps). */
    public static <T> List<T> query(Connection c, String sql, RowMapper<T> mapper, Object... params)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
            }
            return rows;
        }
    }

    /** Runs an insert, update or delete with positional parameters; returns the rows changed. */
    public static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        }
    }

    /** Rows a multi-row statement takes at most. */
    private static final int BATCH = 1000;

    /**
     * One statement for many rows: {@code head}, then {@code rowTemplate} (such as {@code (?::uuid, ?)})
     * once per row, comma-separated, then {@code tail}; in chunks that stay under PostgreSQL's limit of
     * parameters. For inserts and updates ({@code UPDATE … FROM (VALUES …)}) of hundreds of rows, far
     * cheaper for the database than as many statements. Returns what the chunks return ({@code RETURNING}).
     */
    public static <T> List<T> multiRow(
            Connection c, String head, String rowTemplate, String tail, List<Object[]> rows, RowMapper<T> mapper)
            throws SQLException {
        List<T> returned = new ArrayList<>();
        if (rows.isEmpty()) {
            return returned;
        }
        int perRow = rows.get(0).length;
        int chunk = Math.max(1, Math.min(BATCH, MAX_PARAMETERS / perRow));
        for (int from = 0; from < rows.size(); from += chunk) {
            List<Object[]> part = rows.subList(from, Math.min(rows.size(), from + chunk));
            String sql = head + String.join(", ", Collections.nCopies(part.size(), rowTemplate)) + tail;
            Object[] params = new Object[part.size() * perRow];
            for (int r = 0; r < part.size(); r++) {
                System.arraycopy(part.get(r), 0, params, r * perRow, perRow);
            }
            returned.addAll(query(c, sql, mapper, params));
        }
        return returned;
    }

    /**
     * One column of many rows as an array parameter, for statements over {@code unnest(?::uuid[], …)}:
     * binding and parsing cost the same for 1 row or 2,000, where a row template repeated per row costs
     * a parameter per value. {@code type} is the element type's SQL name ({@code uuid}, {@code text},
     * {@code int4}, {@code bool}, {@code bytea}).
     */
    public static <T> Array column(Connection c, String type, List<T> rows, Function<T, ?> value) throws SQLException {
        Object[] values = "bytea".equals(type) ? new byte[rows.size()][] : new Object[rows.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = value.apply(rows.get(i));
        }
        return c.createArrayOf(type, values);
    }

    /** PostgreSQL's wire protocol allows 65,535 parameters a statement; stay well below. */
    private static final int MAX_PARAMETERS = 30_000;

    private static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i] instanceof Instant instant ? timestamp(instant) : params[i]);
        }
    }

    public static <T> T inTransaction(DataSource dataSource, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /**
     * Whether {@code e} is a failure of the database or of reaching it (an {@link SQLException} anywhere
     * in its causes): worth waiting out and trying again, unlike a bug or bad data.
     */
    /** The database server's clock now ({@code clock_timestamp()}, not the transaction's start). */
    public static Instant databaseClock(Connection c) throws SQLException {
        return query(c, "SELECT clock_timestamp()", rs -> rs.getTimestamp(1).toInstant())
                .get(0);
    }

    public static boolean isDatabaseFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException) {
                return true;
            }
        }
        return false;
    }

    public static Timestamp timestamp(Instant instant) {
        return Timestamp.from(instant);
    }

    /** A database failure: a server fault, never the client's. */
    public static class DataAccessException extends RuntimeException {
        public DataAccessException(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
