package io.priceengine.simulations.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The database-centred read path the engine's quote route is compared with (docs/benchmarks.md,
 * section 3): {@code GET /api/v1/market-data/prices/{symbol}} on a JDK {@link HttpServer}, answered
 * by reading the {@code realtime_symbols} row by primary key over a fixed pool of JDBC connections
 * for every request. Minimal on purpose: no auth, no validation beyond the lookup.
 */
final class SqlQuoteServer implements AutoCloseable {

  private static final String PREFIX = "/api/v1/market-data/prices/";
  private static final String SELECT =
      "SELECT s.symbol, s.current_price, s.volume, s.last_updated, s.latest_history_id,"
          + " s.company_name, p.code FROM realtime_symbols s JOIN market_data_providers p"
          + " ON p.id = s.provider_id WHERE s.symbol = ?";

  private final HttpServer server;
  private final ExecutorService threads;
  private final BlockingQueue<Connection> pool;

  private SqlQuoteServer(
      HttpServer server, ExecutorService threads, BlockingQueue<Connection> pool) {
    this.server = server;
    this.threads = threads;
    this.pool = pool;
  }

  /** Starts on a free loopback port with {@code threads} request threads and JDBC connections. */
  static SqlQuoteServer start(String jdbcUrl, String user, int threads)
      throws IOException, SQLException {
    BlockingQueue<Connection> pool = new ArrayBlockingQueue<>(threads);
    for (int i = 0; i < threads; i++) pool.add(DriverManager.getConnection(jdbcUrl, user, ""));
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
    ExecutorService executor =
        Executors.newFixedThreadPool(threads, Machine.daemonThreads("sql-quote"));
    SqlQuoteServer quotes = new SqlQuoteServer(server, executor, pool);
    server.createContext(PREFIX, quotes::handle);
    server.setExecutor(executor);
    server.start();
    return quotes;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String symbol = exchange.getRequestURI().getPath().substring(PREFIX.length()).toUpperCase();
    int status;
    String body;
    try {
      Map<String, Object> quote = read(symbol);
      status = quote == null ? 404 : 200;
      body =
          quote == null
              ? "{\"error\":{\"code\":\"symbol_not_found\",\"message\":\"" + symbol + "\"}}"
              : Json.write(quote);
    } catch (SQLException | InterruptedException e) {
      status = 503;
      body = "{\"error\":{\"code\":\"unavailable\",\"message\":\"database\"}}";
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private Map<String, Object> read(String symbol) throws SQLException, InterruptedException {
    Connection connection = pool.take();
    try (PreparedStatement select = connection.prepareStatement(SELECT)) {
      select.setString(1, symbol);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) return null;
        Map<String, Object> quote = new LinkedHashMap<>();
        quote.put("symbol", row.getString(1));
        quote.put("price", row.getBigDecimal(2));
        quote.put("volume", row.getObject(3));
        quote.put("lastUpdated", row.getTimestamp(4).toInstant().toString());
        quote.put("historyId", row.getLong(5));
        quote.put("companyName", row.getString(6));
        quote.put("provider", row.getString(7));
        return quote;
      }
    } finally {
      pool.add(connection);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
    for (Connection connection : pool) {
      try {
        connection.close();
      } catch (SQLException e) {
        // closing anyway
      }
    }
  }
}
