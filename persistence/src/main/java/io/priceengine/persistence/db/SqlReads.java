package io.priceengine.persistence.db;

import akka.actor.typed.ActorSystem;
import akka.persistence.r2dbc.ConnectionFactoryProvider;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import reactor.core.publisher.Flux;

/**
 * Read queries over R2DBC for the read endpoints, on the projection's connection pool (the one
 * {@code akka.persistence.r2dbc.connection-factory} describes), so the node has one pool for both.
 */
public final class SqlReads {
  public static final String CONNECTION_FACTORY = "akka.persistence.r2dbc.connection-factory";

  /** A read that takes longer fails, so that an HTTP request gets its 503 in time. */
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final ConnectionFactory connections;

  private SqlReads(ConnectionFactory connections) {
    this.connections = connections;
  }

  public static SqlReads create(ActorSystem<?> system) {
    return new SqlReads(
        ConnectionFactoryProvider.get(system).connectionFactoryFor(CONNECTION_FACTORY));
  }

  /**
   * Runs {@code sql} with the parameters {@code bind} sets, mapping each row (never to null); the
   * connection goes back to the pool whatever happens.
   */
  public <T> CompletionStage<List<T>> list(
      String sql, UnaryOperator<Statement> bind, Function<Row, T> row) {
    return Flux.usingWhen(
            connections.create(),
            (Connection c) ->
                Flux.from(bind.apply(c.createStatement(sql)).execute())
                    .concatMap(result -> result.map((r, metadata) -> row.apply(r))),
            Connection::close)
        .timeout(TIMEOUT)
        .collectList()
        .toFuture();
  }
}
