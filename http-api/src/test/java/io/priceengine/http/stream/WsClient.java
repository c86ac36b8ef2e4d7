package io.priceengine.http.stream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A JDK WebSocket client for tests: every text message the server sends is parsed and queued in
 * arrival order; heartbeats are counted apart so tests can ignore them. With {@code readOnRequest}
 * it reads nothing until told to, like a stalled browser tab.
 */
public final class WsClient implements WebSocket.Listener, AutoCloseable {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  /** The close status and reason the server sent. */
  record Closed(int status, String reason) {}

  private final LinkedBlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
  private final CompletableFuture<Closed> closed = new CompletableFuture<>();
  private final boolean readOnRequest;
  private final StringBuilder partial = new StringBuilder();
  private volatile int heartbeats;
  private WebSocket socket;

  private WsClient(boolean readOnRequest) {
    this.readOnRequest = readOnRequest;
  }

  public static WsClient connect(HttpClient http, URI uri) {
    return connect(http, uri, Map.of(), false);
  }

  static CompletableFuture<WsClient> connectAsync(
      HttpClient http, URI uri, Map<String, String> headers, boolean readOnRequest) {
    WsClient client = new WsClient(readOnRequest);
    WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(60));
    headers.forEach(builder::header);
    return builder.buildAsync(uri, client).thenApply(socket -> client);
  }

  static WsClient connect(
      HttpClient http, URI uri, Map<String, String> headers, boolean readOnRequest) {
    return connectAsync(http, uri, headers, readOnRequest).orTimeout(90, TimeUnit.SECONDS).join();
  }

  @Override
  public void onOpen(WebSocket webSocket) {
    socket = webSocket;
    if (!readOnRequest) {
      webSocket.request(1);
    }
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      try {
        JsonNode message = MAPPER.readTree(partial.toString());
        if ("heartbeat".equals(message.path("type").asText())) {
          heartbeats++;
        } else {
          inbox.add(message);
        }
      } catch (IOException e) {
        inbox.add(
            MAPPER.createObjectNode().put("type", "unparseable").put("text", partial.toString()));
      }
      partial.setLength(0);
    }
    if (!readOnRequest) {
      webSocket.request(1);
    }
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    closed.complete(new Closed(statusCode, reason));
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    closed.completeExceptionally(error);
  }

  public void send(String text) {
    socket.sendText(text, true).orTimeout(30, TimeUnit.SECONDS).join();
  }

  /** Lets a {@code readOnRequest} client take {@code messages} more messages. */
  void read(long messages) {
    socket.request(messages);
  }

  /** The next message other than a heartbeat; fails after {@code timeout}. */
  public JsonNode next(Duration timeout) {
    try {
      JsonNode message = inbox.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (message == null) {
        throw new AssertionError("no message within " + timeout);
      }
      return message;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public JsonNode next() {
    return next(Duration.ofSeconds(20));
  }

  /** Skips messages until one matches. */
  JsonNode nextMatching(Predicate<JsonNode> wanted, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      JsonNode message = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      if (wanted.test(message)) {
        return message;
      }
    }
  }

  /** The messages received so far, without waiting. */
  public List<JsonNode> drain() {
    List<JsonNode> drained = new ArrayList<>();
    inbox.drainTo(drained);
    return drained;
  }

  /** A message within {@code timeout}, or null. */
  public JsonNode poll(Duration timeout) {
    try {
      return inbox.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  int heartbeats() {
    return heartbeats;
  }

  Closed awaitClose(Duration timeout) {
    return closed.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
  }

  public boolean isClosed() {
    return closed.isDone();
  }

  @Override
  public void close() {
    if (socket != null && !socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }
    if (socket != null) {
      socket.abort();
    }
  }
}
