package io.priceengine.persistence.projection;

import static io.priceengine.persistence.db.SqlRows.count;
import static io.priceengine.persistence.db.SqlRows.execute;
import static io.priceengine.persistence.db.SqlRows.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.projection.ProjectionId;
import akka.projection.javadsl.ProjectionManagement;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.priceengine.persistence.db.Database;
import io.priceengine.persistence.db.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The projection over real journal traffic: every event of the journal reaches the history table
 * once, including events whose insert commits late (the eventsByTag pitfall) and across a restart
 * of the projection mid-stream.
 */
class PriceProjectionTest {
  private static final Duration SETTLE = Duration.ofSeconds(60);
  private static final Instant BASE = Instant.parse("2026-11-22T10:00:00Z");

  @Test
  void manyEntitiesWritingOneTagConcurrentlyLoseNoEventWhenCommitsAreLate() {
    Database db = TestDatabase.fresh("concurrent_writers");
    // Some inserts commit 1 s after their ordering was drawn, while the journal's other writers
    // go on: the tag query must wait for them rather than read past.
    slowCommits(db, "Symbol|SLOW%", "NEW.sequence_number = 5", 1.0);
    List<String> symbols = new ArrayList<>();
    IntStream.range(0, 95).forEach(i -> symbols.add("S" + i));
    IntStream.range(0, 5).forEach(i -> symbols.add("SLOW" + i));
    try (ProjectionNode node =
        new ProjectionNode(
            db,
            Map.of(
                "price-engine.symbol.tag-slices", 1, "price-engine.symbol.ask-timeout", "60s"))) {
      List<CompletableFuture<Long>> acks = new ArrayList<>();
      for (int round = 1; round <= 10; round++) {
        for (String symbol : symbols) {
          acks.add(node.push(symbol, round + ".25", BASE.plusMillis(round)).toCompletableFuture());
        }
      }
      await(acks);
      assertEveryJournalEventProjectedOnce(db, node, symbols);
      assertTrue(node.projection.running());
    } finally {
      db.close();
    }
  }

  @Test
  void anEventCommittedAfterTheTagQueryGaveUpWaitingIsReadByPersistenceId() {
    Database db = TestDatabase.fresh("late_commit");
    slowCommits(db, "Symbol|LATE", "NEW.sequence_number = 2", 2.0);
    ListAppender<ILoggingEvent> warnings = capture(SequenceCheck.class);
    List<String> others = IntStream.range(0, 20).mapToObj(i -> "OTHER" + i).toList();
    // Gaps are taken as final after 3 x 100 ms, well before the late insert commits.
    try (ProjectionNode node =
        new ProjectionNode(
            db,
            Map.of(
                "price-engine.symbol.tag-slices",
                1,
                "price-engine.symbol.ask-timeout",
                "30s",
                "jdbc-read-journal.journal-sequence-retrieval.max-tries",
                3,
                "jdbc-read-journal.journal-sequence-retrieval.query-delay",
                "100ms"))) {
      await(List.of(node.push("LATE", "1", BASE).toCompletableFuture()));
      AtomicBoolean writing = new AtomicBoolean(true);
      CompletableFuture<Void> traffic =
          CompletableFuture.runAsync(() -> keepWriting(node, others, writing));
      await(List.of(node.push("LATE", "2", BASE.plusSeconds(2)).toCompletableFuture()));
      writing.set(false);
      traffic.join();
      List<CompletableFuture<Long>> last = new ArrayList<>();
      last.add(node.push("LATE", "3", BASE.plusSeconds(3)).toCompletableFuture());
      others.forEach(
          s -> last.add(node.push(s, "99", BASE.plusSeconds(3600)).toCompletableFuture()));
      await(last);

      List<String> all = new ArrayList<>(others);
      all.add("LATE");
      assertEveryJournalEventProjectedOnce(db, node, all);
      assertTrue(
          warnings.list.stream()
              .anyMatch(e -> e.getFormattedMessage().contains("events 2..2 of Symbol|LATE")),
          "the tag query skipped the late event and the projection read it by persistence id");
    } finally {
      db.close();
    }
  }

  @Test
  void projectionRestartedMidStreamWritesEachEventOnce() throws Exception {
    Database db = TestDatabase.fresh("restart_mid_stream");
    List<String> symbols = IntStream.range(0, 50).mapToObj(i -> "R" + i).toList();
    // 1,200 asks go out at once; on a loaded 2-core machine the last ones wait longer than 5 s.
    try (ProjectionNode node =
        new ProjectionNode(db, Map.of("price-engine.symbol.ask-timeout", "30s"))) {
      ProjectionManagement management = ProjectionManagement.get(node.testKit.system());
      List<ProjectionId> instances =
          ProjectionSettings.fromConfig(node.testKit.system().settings().config()).tags().stream()
              .map(PriceProjection::projectionId)
              .toList();
      List<CompletableFuture<Long>> acks = new ArrayList<>();
      for (int round = 1; round <= 24; round++) {
        for (String symbol : symbols) {
          acks.add(node.push(symbol, round + ".5", BASE.plusMillis(round)).toCompletableFuture());
        }
        // Pausing stops each instance's stream where it is; resuming starts it from its offset.
        if (round == 8) {
          for (ProjectionId id : instances) {
            management.pause(id).toCompletableFuture().get(10, TimeUnit.SECONDS);
          }
        }
        if (round == 16) {
          for (ProjectionId id : instances) {
            management.resume(id).toCompletableFuture().get(10, TimeUnit.SECONDS);
          }
        }
      }
      await(acks);
      assertEveryJournalEventProjectedOnce(db, node, symbols);
    } finally {
      db.close();
    }
  }

  /**
   * Each symbol's history holds ids 1..n once, n being the entity's history id, and its master row
   * points at n: the tables hold every journal event exactly once.
   */
  private static void assertEveryJournalEventProjectedOnce(
      Database db, ProjectionNode node, List<String> symbols) {
    Map<String, Long> latest = new HashMap<>();
    for (String symbol : symbols) {
      latest.put(
          symbol,
          node.entities.quote(symbol).toCompletableFuture().join().orElseThrow().historyId());
    }
    long total = latest.values().stream().mapToLong(Long::longValue).sum();
    long deadline = System.nanoTime() + SETTLE.toNanos();
    while (count(db, "SELECT count(*) FROM realtime_price_history") < total
        && System.nanoTime() < deadline) {
      pause();
    }
    for (String symbol : symbols) {
      long n = latest.get(symbol);
      assertEquals(
          List.of(n + " " + n + " 1 " + n),
          rows(
              db,
              "SELECT count(*), count(DISTINCT history_id), min(history_id), max(history_id)"
                  + " FROM realtime_price_history WHERE symbol = ?",
              symbol),
          symbol);
      assertEquals(
          List.of(String.valueOf(n)),
          rows(db, "SELECT latest_history_id FROM realtime_symbols WHERE symbol = ?", symbol),
          symbol);
    }
    assertEquals(total, count(db, "SELECT count(*) FROM realtime_price_history"));
  }

  private static void keepWriting(ProjectionNode node, List<String> symbols, AtomicBoolean on) {
    int round = 0;
    while (on.get()) {
      round++;
      List<CompletableFuture<Long>> acks = new ArrayList<>();
      for (String symbol : symbols) {
        acks.add(node.push(symbol, round + ".5", BASE.plusMillis(round)).toCompletableFuture());
      }
      await(acks);
    }
  }

  /** Makes matching journal inserts sleep before their transaction can commit. */
  private static void slowCommits(
      Database db, String persistenceIds, String condition, double seconds) {
    execute(
        db,
        "CREATE FUNCTION slow_commit() RETURNS trigger LANGUAGE plpgsql AS"
            + " $$ BEGIN PERFORM pg_sleep("
            + seconds
            + "); RETURN NULL; END $$");
    execute(
        db,
        "CREATE TRIGGER slow_commit AFTER INSERT ON journal FOR EACH ROW WHEN"
            + " (NEW.persistence_id LIKE '"
            + persistenceIds
            + "' AND "
            + condition
            + ") EXECUTE FUNCTION slow_commit()");
  }

  private static ListAppender<ILoggingEvent> capture(Class<?> source) {
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    ((Logger) LoggerFactory.getLogger(source)).addAppender(appender);
    return appender;
  }

  private static void await(List<CompletableFuture<Long>> acks) {
    CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
        .orTimeout(60, TimeUnit.SECONDS)
        .join();
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
