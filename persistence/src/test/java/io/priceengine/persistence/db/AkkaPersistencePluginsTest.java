package io.priceengine.persistence.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.Done;
import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.persistence.r2dbc.ConnectionFactoryProvider;
import akka.persistence.typed.PersistenceId;
import akka.persistence.typed.javadsl.CommandHandler;
import akka.persistence.typed.javadsl.EventHandler;
import akka.persistence.typed.javadsl.EventSourcedBehavior;
import akka.persistence.typed.javadsl.RetentionCriteria;
import com.typesafe.config.ConfigFactory;
import io.r2dbc.spi.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * persistence.conf plus Database.akkaConfig() drive both Akka plugins against the migrated schema.
 */
class AkkaPersistencePluginsTest {

  private static Database db;
  private static ActorTestKit testKit;

  @BeforeAll
  static void start() {
    db = TestDatabase.fresh("akkaPlugins");
    testKit =
        ActorTestKit.create(
            db.akkaConfig()
                .withFallback(ConfigFactory.parseResources("persistence.conf"))
                .withFallback(ConfigFactory.load())
                .resolve());
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
    db.close();
  }

  @Test
  void journalWritesTaggedEventsToLegacyTableAndEntityRecoversFromIt() throws Exception {
    TestProbe<Done> acks = testKit.createTestProbe();
    ActorRef<Command> ledger = testKit.spawn(Ledger.create("ledger-1"));
    for (String entry : List.of("a", "b", "c")) {
      ledger.tell(new Append(entry, acks.getRef()));
      acks.expectMessage(Done.getInstance());
    }
    testKit.stop(ledger);

    TestProbe<String> state = testKit.createTestProbe();
    testKit.spawn(Ledger.create("ledger-1")).tell(new Get(state.getRef()));
    state.expectMessage(Duration.ofSeconds(10), "abc");

    try (java.sql.Connection c =
            DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "SELECT sequence_number, tags FROM journal"
                        + " WHERE persistence_id = 'Ledger|ledger-1' ORDER BY sequence_number")) {
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(rs.getLong(1) + " " + rs.getString(2));
      }
      assertEquals(List.of("1 ledger", "2 ledger", "3 ledger"), rows);
    }
    try (java.sql.Connection c =
            DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        ResultSet rs =
            c.createStatement().executeQuery("SELECT max(sequence_number) FROM snapshot")) {
      rs.next();
      assertEquals(2, rs.getLong(1)); // snapshot every 2 events
    }
  }

  @Test
  void r2dbcConnectionFactoryReachesTheSameDatabase() {
    var factory =
        ConnectionFactoryProvider.get(testKit.system())
            .connectionFactoryFor("akka.persistence.r2dbc.connection-factory");

    String database =
        Mono.usingWhen(
                Mono.from(factory.create()),
                (Connection c) ->
                    Mono.from(c.createStatement("SELECT current_database()").execute())
                        .flatMap(r -> Mono.from(r.map((row, meta) -> row.get(0, String.class)))),
                Connection::close)
            .block(Duration.ofSeconds(10));

    assertEquals(db.database(), database);
  }

  sealed interface Command {}

  record Append(String entry, ActorRef<Done> replyTo) implements Command {}

  record Get(ActorRef<String> replyTo) implements Command {}

  /** A minimal event-sourced entity: events and state are strings, which Akka serializes itself. */
  static final class Ledger extends EventSourcedBehavior<Command, String, String> {

    static Behavior<Command> create(String id) {
      return new Ledger(PersistenceId.of("Ledger", id));
    }

    private Ledger(PersistenceId id) {
      super(id);
    }

    @Override
    public String emptyState() {
      return "";
    }

    @Override
    public CommandHandler<Command, String, String> commandHandler() {
      return newCommandHandlerBuilder()
          .forAnyState()
          .onCommand(
              Append.class,
              cmd ->
                  Effect().persist(cmd.entry()).thenReply(cmd.replyTo(), s -> Done.getInstance()))
          .onCommand(Get.class, (state, cmd) -> Effect().reply(cmd.replyTo(), state))
          .build();
    }

    @Override
    public EventHandler<String, String> eventHandler() {
      return (state, event) -> state + event;
    }

    @Override
    public Set<String> tagsFor(String event) {
      return Set.of("ledger");
    }

    @Override
    public RetentionCriteria retentionCriteria() {
      return RetentionCriteria.snapshotEvery(2, 1);
    }
  }
}
