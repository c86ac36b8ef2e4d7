package io.priceengine.simulations.bench;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/** Waits until the projection has written the master row of every symbol a measurement reads. */
final class MasterRows {

  private MasterRows() {}

  static void await(String jdbcUrl, String user, List<String> symbols, Duration deadline)
      throws SQLException, InterruptedException {
    long giveUp = System.nanoTime() + deadline.toNanos();
    try (Connection connection = DriverManager.getConnection(jdbcUrl, user, "");
        PreparedStatement count =
            connection.prepareStatement(
                "SELECT count(*) FROM realtime_symbols WHERE symbol = ANY (?)")) {
      Array names = connection.createArrayOf("varchar", symbols.toArray());
      count.setArray(1, names);
      while (true) {
        long found;
        try (ResultSet row = count.executeQuery()) {
          row.next();
          found = row.getLong(1);
        }
        if (found >= symbols.size()) return;
        if (System.nanoTime() - giveUp > 0) {
          throw new IllegalStateException(
              "only " + found + " of " + symbols.size() + " master rows after " + deadline);
        }
        Thread.sleep(200);
      }
    }
  }
}
