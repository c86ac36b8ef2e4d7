package io.priceengine.persistence.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Test assertions over tables through plain JDBC: each row of a query as one string, columns joined
 * by spaces, so that an expected table reads as a list literal. Databases are those of {@link
 * TestDatabase} (user postgres, no password), named by handle or JDBC URL.
 */
public final class SqlRows {
  private SqlRows() {}

  public static List<String> rows(Database db, String sql, Object... parameters) {
    return rows(db.jdbcUrl(), sql, parameters);
  }

  public static List<String> rows(String jdbcUrl, String sql, Object... parameters) {
    try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
        PreparedStatement statement = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rs = statement.executeQuery()) {
        List<String> rows = new ArrayList<>();
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          StringJoiner row = new StringJoiner(" ");
          for (int col = 1; col <= columns; col++) {
            row.add(String.valueOf(rs.getString(col)));
          }
          rows.add(row.toString());
        }
        return rows;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  public static long count(Database db, String sql, Object... parameters) {
    return count(db.jdbcUrl(), sql, parameters);
  }

  public static long count(String jdbcUrl, String sql, Object... parameters) {
    return Long.parseLong(rows(jdbcUrl, sql, parameters).get(0));
  }

  public static void execute(Database db, String sql) {
    execute(db.jdbcUrl(), sql);
  }

  public static void execute(String jdbcUrl, String sql) {
    try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
      c.createStatement().execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }
}
