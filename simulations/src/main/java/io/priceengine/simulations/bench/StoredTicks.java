package io.priceengine.simulations.bench;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what the engine stored for an overload run's symbols and sets it against the client's
 * ledger ({@link OverloadCheck}): each entity's latest history id through bulk quote reads, its
 * journal events and history rows over JDBC on the engine's PostgreSQL, and the history rows at the
 * run's source timestamp by price. Journal events are binary, so the journal is counted per symbol
 * (events 1..m), not read tick by tick.
 */
final class StoredTicks {

  /** API.md: a bulk quote read names at most 500 symbols. */
  private static final int SYMBOLS_PER_READ = 500;

  private static final Duration RECHECK_PAUSE = Duration.ofSeconds(1);

  /** akka-persistence's id of a symbol's entity: its entity type key, "|", the symbol. */
  private static final String PERSISTENCE_ID_PREFIX = "Symbol|";

  private static final String HISTORY_BY_SYMBOL =
      "SELECT symbol, count(*), count(DISTINCT history_id), max(history_id)"
          + " FROM realtime_price_history WHERE symbol = ANY (?) GROUP BY symbol";

  private static final String JOURNAL_BY_SYMBOL =
      "SELECT persistence_id, count(*), max(sequence_number)"
          + " FROM journal WHERE persistence_id = ANY (?) GROUP BY persistence_id";

  private static final String ROWS_OF_RUN =
      "SELECT symbol, price, count(*) FROM realtime_price_history"
          + " WHERE symbol = ANY (?) AND source_timestamp = ? GROUP BY symbol, price";

  private final HttpClient client;
  private final URI baseUrl;
  private final String jdbcUrl;
  private final String user;

  StoredTicks(HttpClient client, URI baseUrl, String jdbcUrl, String user) {
    this.client = client;
    this.baseUrl = baseUrl;
    this.jdbcUrl = jdbcUrl;
    this.user = user;
  }

  /**
   * Checks the run, again while rows are missing (the projection may still be writing the last
   * ones) until none is or {@code deadline} has passed; returns the last check. Waiting cannot undo
   * a doubled tick, so that alone is not waited on.
   */
  OverloadCheck await(TickLedger ledger, OverloadTicks ticks, Duration deadline)
      throws IOException, SQLException, InterruptedException {
    long giveUp = System.nanoTime() + deadline.toNanos();
    while (true) {
      OverloadCheck check = check(ledger, ticks);
      boolean missing = check.lost() > 0 || check.inconsistentSymbols() > 0;
      if (!missing || System.nanoTime() - giveUp > 0) return check;
      Thread.sleep(RECHECK_PAUSE.toMillis());
    }
  }

  OverloadCheck check(TickLedger ledger, OverloadTicks ticks)
      throws IOException, SQLException, InterruptedException {
    String[] symbols = ticks.symbols();
    // the entities first: no tick arrives any more, so the tables can only catch up with them
    Map<String, Long> entityHistoryIds = entityHistoryIds(symbols);
    try (Connection connection = DriverManager.getConnection(jdbcUrl, user, "")) {
      Map<String, long[]> history = perSymbol(connection, HISTORY_BY_SYMBOL, symbols, 3);
      String[] persistenceIds =
          Arrays.stream(symbols).map(s -> PERSISTENCE_ID_PREFIX + s).toArray(String[]::new);
      Map<String, long[]> journal = perSymbol(connection, JOURNAL_BY_SYMBOL, persistenceIds, 2);
      List<OverloadCheck.SymbolState> states = new ArrayList<>(symbols.length);
      for (String symbol : symbols) {
        long[] rows = history.getOrDefault(symbol, new long[3]);
        long[] events = journal.getOrDefault(PERSISTENCE_ID_PREFIX + symbol, new long[2]);
        states.add(
            new OverloadCheck.SymbolState(
                symbol,
                entityHistoryIds.getOrDefault(symbol, 0L),
                events[0],
                events[1],
                rows[0],
                rows[1],
                rows[2]));
      }
      return OverloadCheck.of(ledger, ticks, rowsOfRun(connection, ticks), states);
    }
  }

  /** The latest history id of each symbol that has a quote. */
  private Map<String, Long> entityHistoryIds(String[] symbols)
      throws IOException, InterruptedException {
    Map<String, Long> ids = new HashMap<>();
    for (int from = 0; from < symbols.length; from += SYMBOLS_PER_READ) {
      String names =
          String.join(
              ",",
              Arrays.copyOfRange(symbols, from, Math.min(symbols.length, from + SYMBOLS_PER_READ)));
      HttpRequest request =
          HttpRequest.newBuilder(
                  URI.create(baseUrl + "/api/v1/market-data/prices?symbols=" + names))
              .timeout(Duration.ofSeconds(30))
              .GET()
              .build();
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IOException(
            "bulk quote read: "
                + response.statusCode()
                + " "
                + IngestReply.abbreviate(response.body()));
      }
      if (!(Json.parse(response.body()) instanceof Map<?, ?> body)
          || !(body.get("quotes") instanceof List<?> quotes)) {
        throw new IOException(
            "bulk quote read: no quotes in " + IngestReply.abbreviate(response.body()));
      }
      for (Object quote : quotes) {
        if (quote instanceof Map<?, ?> fields
            && fields.get("symbol") instanceof String symbol
            && fields.get("historyId") instanceof BigDecimal historyId) {
          ids.put(symbol, historyId.longValueExact());
        }
      }
    }
    return ids;
  }

  /** Rows of {@code sql} keyed by their first column, the next {@code columns} as numbers. */
  private static Map<String, long[]> perSymbol(
      Connection connection, String sql, String[] keys, int columns) throws SQLException {
    Map<String, long[]> rows = new HashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setArray(1, connection.createArrayOf("varchar", keys));
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          long[] values = new long[columns];
          for (int c = 0; c < columns; c++) values[c] = result.getLong(c + 2);
          rows.put(result.getString(1), values);
        }
      }
    }
    return rows;
  }

  private static List<OverloadCheck.PriceRows> rowsOfRun(Connection connection, OverloadTicks ticks)
      throws SQLException {
    List<OverloadCheck.PriceRows> rows = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(ROWS_OF_RUN)) {
      statement.setArray(1, connection.createArrayOf("varchar", ticks.symbols()));
      statement.setObject(2, OffsetDateTime.ofInstant(ticks.sourceTimestamp(), ZoneOffset.UTC));
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          rows.add(
              new OverloadCheck.PriceRows(
                  result.getString(1), result.getBigDecimal(2), result.getLong(3)));
        }
      }
    }
    return rows;
  }
}
