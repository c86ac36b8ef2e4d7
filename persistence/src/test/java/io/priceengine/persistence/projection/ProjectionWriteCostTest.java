package io.priceengine.persistence.projection;

import static io.priceengine.persistence.db.SqlRows.count;
import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.NotUsed;
import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.projection.eventsourced.EventEnvelope;
import akka.stream.javadsl.Source;
import com.sun.management.OperatingSystemMXBean;
import com.typesafe.config.ConfigFactory;
import io.priceengine.engine.symbol.SymbolEntity;
import io.priceengine.engine.symbol.Tick;
import io.priceengine.persistence.db.Database;
import io.priceengine.persistence.db.TestDatabase;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measures what the projection's writes cost per event — CPU of this JVM plus the PostgreSQL
 * server's, whose backends are children of its postmaster — for groups shaped like a replay's (one
 * tag of four: 250 symbols, several events per symbol and group). A measurement, not a check: run
 * with {@code -DprojectionCost=true} (optionally {@code -DprojectionCost.group=1000}); the result
 * is printed. CPU time is what other processes on a shared machine distort least.
 */
@EnabledIfSystemProperty(named = "projectionCost", matches = "true")
class ProjectionWriteCostTest {

  private static final int SYMBOLS = 250;
  private static final int WARM_UP_GROUPS = 40;
  private static final int MEASURED_EVENTS = 100_000;

  @Test
  void printsCpuPerProjectedEvent() throws Exception {
    int group = Integer.getInteger("projectionCost.group", 1000);
    Database db = TestDatabase.fresh("write_cost");
    ActorTestKit testKit =
        ActorTestKit.create(
            db.akkaConfig()
                .withFallback(ConfigFactory.parseResources("persistence.conf"))
                .withFallback(ConfigFactory.load())
                .resolve());
    try {
      HandlerRunner handler =
          new HandlerRunner(
              testKit.system(),
              "prices-0",
              (id, from, to) ->
                  Source.<akka.persistence.query.EventEnvelope>empty()
                      .mapMaterializedValue(m -> NotUsed.getInstance()));
      Ticks ticks = new Ticks();
      for (int i = 0; i < WARM_UP_GROUPS; i++) {
        handler.process(ticks.next(group));
      }
      long postmaster = postmasterPid(db);
      OperatingSystemMXBean os =
          (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      long jvmBefore = os.getProcessCpuTime();
      double pgBefore = treeCpuSeconds(postmaster);
      long started = System.nanoTime();
      int groups = MEASURED_EVENTS / group;
      for (int i = 0; i < groups; i++) {
        handler.process(ticks.next(group));
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      double jvm = (os.getProcessCpuTime() - jvmBefore) / 1e9;
      double pg = treeCpuSeconds(postmaster) - pgBefore;
      long events = (long) groups * group;
      System.out.printf(
          "projection write cost: group %d, %d events in %.1f s; us CPU per event: JVM %.1f,"
              + " PostgreSQL %.1f, total %.1f; load average %s%n",
          group,
          events,
          seconds,
          jvm * 1e6 / events,
          pg * 1e6 / events,
          (jvm + pg) * 1e6 / events,
          Files.readString(Path.of("/proc/loadavg")).trim());
      assertEquals(
          (long) (WARM_UP_GROUPS + groups) * group,
          count(db, "SELECT count(*) FROM realtime_price_history"));
    } finally {
      testKit.shutdownTestKit();
      db.close();
    }
  }

  /** Random-walk prices over the symbols, each symbol's events in sequence-number order. */
  private static final class Ticks {
    private final Events events = new Events();
    private final Random random = new Random(42);
    private final Map<String, Long> seqNr = new HashMap<>();
    private Instant at = Instant.parse("2026-11-22T10:00:00Z");

    List<EventEnvelope<SymbolEntity.Event>> next(int size) {
      List<EventEnvelope<SymbolEntity.Event>> group = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        String symbol = "S" + random.nextInt(SYMBOLS);
        long nr = seqNr.merge(symbol, 1L, Long::sum);
        at = at.plusMillis(7);
        BigDecimal price = BigDecimal.valueOf(10_000 + random.nextInt(1_000), 2);
        Tick tick =
            Tick.of(symbol, price, 1_000 + nr, price, price, price, price, at, "replay", null);
        group.add(events.price(symbol, nr, tick));
      }
      return group;
    }
  }

  private static long postmasterPid(Database db) throws SQLException, IOException {
    try (var connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT pg_backend_pid()")) {
      row.next();
      return parentOf(row.getLong(1));
    }
  }

  private static long parentOf(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
  }

  /** User + system CPU seconds of {@code root} and its (direct) children, from /proc. */
  private static double treeCpuSeconds(long root) throws IOException {
    long ticks = 0;
    try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
      for (Path entry : (Iterable<Path>) entries::iterator) {
        if (!entry.getFileName().toString().chars().allMatch(Character::isDigit)) {
          continue;
        }
        String stat;
        try {
          stat = Files.readString(entry.resolve("stat"));
        } catch (IOException gone) {
          continue;
        }
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long pid = Long.parseLong(entry.getFileName().toString());
        if (pid == root || Long.parseLong(fields[1]) == root) {
          ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        }
      }
    }
    return ticks / 100.0;
  }
}
