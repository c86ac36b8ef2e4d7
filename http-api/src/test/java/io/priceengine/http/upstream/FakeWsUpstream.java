package io.priceengine.http.upstream;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Behaviors;
import akka.http.javadsl.Http;
import akka.http.javadsl.ServerBinding;
import akka.http.javadsl.model.StatusCodes;
import akka.http.javadsl.model.ws.Message;
import akka.http.javadsl.model.ws.TextMessage;
import akka.http.javadsl.server.AllDirectives;
import akka.http.javadsl.server.Route;
import akka.stream.OverflowStrategy;
import akka.stream.javadsl.Flow;
import akka.stream.javadsl.Sink;
import akka.stream.javadsl.Source;
import akka.stream.javadsl.SourceQueueWithComplete;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A market-data WebSocket upstream for tests, on a random loopback port with its own actor system:
 * it checks the token, records what each connection sends (subscriptions), lets the test send
 * messages on the latest connection, and can drop every connection.
 */
public final class FakeWsUpstream extends AllDirectives implements AutoCloseable {

  /** One accepted connection: the messages it received, and its outgoing queue. */
  public static final class Connection {
    private final List<String> received = new CopyOnWriteArrayList<>();
    private volatile SourceQueueWithComplete<Message> outgoing;

    public List<String> received() {
      return List.copyOf(received);
    }
  }

  private final String token;
  private final ActorSystem<Void> system;
  private final ServerBinding binding;
  private final List<Connection> connections = new CopyOnWriteArrayList<>();

  public FakeWsUpstream(String token) {
    this.token = token;
    this.system =
        ActorSystem.create(
            Behaviors.empty(),
            "fake-ws-upstream",
            ConfigFactory.parseString("akka.actor.provider = local\nakka.loglevel = WARNING")
                .withFallback(ConfigFactory.defaultReference()));
    try {
      this.binding =
          Http.get(system)
              .newServerAt("127.0.0.1", 0)
              .bind(route())
              .toCompletableFuture()
              .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      system.terminate();
      throw new IllegalStateException("fake upstream did not start", e);
    }
  }

  public String url() {
    return "ws://127.0.0.1:" + binding.localAddress().getPort() + "/ws";
  }

  private Route route() {
    return path(
        "ws",
        () ->
            parameterOptional(
                "token",
                given ->
                    given.equals(Optional.of(token))
                        ? handleWebSocketMessages(connection())
                        : complete(StatusCodes.UNAUTHORIZED)));
  }

  private Flow<Message, Message, ?> connection() {
    Connection connection = new Connection();
    Sink<Message, ?> in =
        Sink.foreach(
            message -> {
              if (message.isText() && message.asTextMessage().isStrict()) {
                connection.received.add(message.asTextMessage().getStrictText());
              }
            });
    Source<Message, ?> out =
        Source.<Message>queue(100, OverflowStrategy.fail())
            .mapMaterializedValue(
                queue -> {
                  connection.outgoing = queue;
                  connections.add(connection);
                  return queue;
                });
    return Flow.fromSinkAndSourceCoupled(in, out);
  }

  public List<Connection> connections() {
    return List.copyOf(connections);
  }

  public Connection latest() {
    List<Connection> all = connections();
    if (all.isEmpty()) {
      throw new AssertionError("no connection yet");
    }
    return all.get(all.size() - 1);
  }

  /** Sends {@code text} on the latest connection. */
  public void send(String text) {
    latest().outgoing.offer(TextMessage.create(text));
  }

  /** Closes every connection from the upstream's side. */
  public void dropConnections() {
    connections.forEach(connection -> connection.outgoing.complete());
  }

  @Override
  public void close() {
    binding.unbind();
    system.terminate();
  }
}
