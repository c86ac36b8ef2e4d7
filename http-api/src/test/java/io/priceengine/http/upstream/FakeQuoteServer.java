package io.priceengine.http.upstream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A REST quote upstream for tests (JDK HttpServer on a random loopback port): {@code GET
 * /quote?symbol=X} answers what the test's current {@link #answer} function says, and every request
 * is recorded.
 */
public final class FakeQuoteServer implements AutoCloseable {

  /** What to answer: a status, a body and response headers. */
  public record Answer(int status, String body, Map<String, String> headers) {
    public static Answer ok(String body) {
      return new Answer(200, body, Map.of());
    }

    public static Answer status(int status) {
      return new Answer(status, "", Map.of());
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(2);
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private volatile Function<String, Answer> answer = symbol -> Answer.status(404);

  public FakeQuoteServer() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.createContext("/quote", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  public String urlTemplate() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/quote?symbol={symbol}";
  }

  public void answer(Function<String, Answer> answer) {
    this.answer = answer;
  }

  public int requestCount(String symbol) {
    return (int) requests.stream().filter(symbol::equals).count();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String query = exchange.getRequestURI().getQuery();
    String symbol = query != null && query.startsWith("symbol=") ? query.substring(7) : "";
    requests.add(symbol);
    Answer reply = answer.apply(symbol);
    reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
    byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
