package io.priceengine.simulations.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one fan-out run, as a human reads them and as a JSON file: tick-to-client latency
 * (from the push, and from the acknowledgement that the journal has the tick; see {@link
 * Arrivals}), messages delivered per second, and what clients missed. An update is accounted for
 * when it was received or counted in a later update's {@code skipped} (conflation for a slow
 * client); {@code lost} is what is neither, which must be zero. Clients that "kept up" received
 * every update.
 */
record FanoutReport(
    FanoutSettings settings,
    LatencyRecorder.Summary latency,
    LatencyRecorder.Summary afterAcknowledgement,
    LatencyRecorder.Summary acknowledgement,
    double measuredSeconds,
    long delivered,
    long acceptedTicks,
    long missedBatches,
    long failedRequests,
    Accounting accounting,
    String loadBefore,
    String loadAfter) {

  /** Updates per client and symbol: expected from the final history ids, and what happened. */
  record Accounting(
      long expected,
      long received,
      long skipped,
      long lost,
      long outOfOrder,
      int clientsKeptUp,
      long lostByClientsKeptUp) {

    static Accounting of(List<FanoutClient> clients, Map<String, Long> finalHistoryIds) {
      long expected = 0, received = 0, skipped = 0, lost = 0, outOfOrder = 0, lostKeptUp = 0;
      int keptUp = 0;
      for (FanoutClient client : clients) {
        long clientSkipped = 0, clientLost = 0;
        for (Map.Entry<String, FanoutClient.SymbolTally> entry : client.tallies().entrySet()) {
          FanoutClient.SymbolTally tally = entry.getValue();
          Long finalId = finalHistoryIds.get(entry.getKey());
          // a symbol whose final id could not be read (an overloaded engine) is left out, rather
          // than counted as a negative loss
          if (finalId == null) continue;
          long symbolExpected = finalId - tally.snapshot;
          expected += symbolExpected;
          received += tally.updates;
          clientSkipped += tally.skipped;
          clientLost += symbolExpected - tally.updates - tally.skipped;
          outOfOrder += tally.outOfOrder;
        }
        skipped += clientSkipped;
        lost += clientLost;
        if (clientSkipped == 0) {
          keptUp++;
          lostKeptUp += clientLost;
        }
      }
      return new Accounting(expected, received, skipped, lost, outOfOrder, keptUp, lostKeptUp);
    }
  }

  String text() {
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT,
            "Fan-out benchmark: %s, %d WebSocket clients x %d of %d symbols, %d ticks/s pushed in"
                + " batches of %d, %d s warm-up, %.1f s measured%n",
            settings.baseUrl(),
            settings.clients(),
            settings.symbolsPerClient(),
            settings.symbols(),
            settings.rate(),
            settings.ticksPerRequest(),
            settings.warmUp().toSeconds(),
            measuredSeconds));
    line(
        text,
        "ticks",
        "%,.0f accepted/s (%,d missed batches, %,d failed requests)",
        acceptedTicks / measuredSeconds,
        missedBatches,
        failedRequests);
    line(
        text,
        "delivered",
        "%,.0f messages/s to clients (%,d)",
        delivered / measuredSeconds,
        delivered);
    line(text, "latency", "tick push to client: %s", summary(latency));
    line(text, "ingest ack", "tick push to HTTP 200: %s", summary(acknowledgement));
    line(text, "fan-out", "HTTP 200 to client: %s", summary(afterAcknowledgement));
    line(
        text,
        "accounting",
        "%,d updates expected: %,d received, %,d conflated (skipped), %,d lost,"
            + " %,d out of order",
        accounting.expected(),
        accounting.received(),
        accounting.skipped(),
        accounting.lost(),
        accounting.outOfOrder());
    line(
        text,
        "kept up",
        "%,d of %,d clients received every update; they lost %,d",
        accounting.clientsKeptUp(),
        settings.clients(),
        accounting.lostByClientsKeptUp());
    line(
        text,
        "load",
        "before %s, after %s (%d processors)",
        loadBefore,
        loadAfter,
        Runtime.getRuntime().availableProcessors());
    return text.toString();
  }

  String json() {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("benchmark", "fanout");
    report.put("baseUrl", settings.baseUrl().toString());
    report.put("clients", settings.clients());
    report.put("symbols", settings.symbols());
    report.put("symbolsPerClient", settings.symbolsPerClient());
    report.put("rate", settings.rate());
    report.put("ticksPerRequest", settings.ticksPerRequest());
    report.put("warmUpSeconds", settings.warmUp().toSeconds());
    report.put("measuredSeconds", round(measuredSeconds));
    report.put("acceptedTicksPerSecond", round(acceptedTicks / measuredSeconds));
    report.put("missedBatches", missedBatches);
    report.put("failedRequests", failedRequests);
    report.put("deliveredPerSecond", round(delivered / measuredSeconds));
    report.put("latencyMillis", latency.toMap());
    report.put("ingestAckMillis", acknowledgement.toMap());
    report.put("afterAckMillis", afterAcknowledgement.toMap());
    Map<String, Object> updates = new LinkedHashMap<>();
    updates.put("expected", accounting.expected());
    updates.put("received", accounting.received());
    updates.put("skipped", accounting.skipped());
    updates.put("lost", accounting.lost());
    updates.put("outOfOrder", accounting.outOfOrder());
    updates.put("clientsKeptUp", accounting.clientsKeptUp());
    updates.put("lostByClientsKeptUp", accounting.lostByClientsKeptUp());
    report.put("updates", updates);
    report.put("loadAverageBefore", loadBefore);
    report.put("loadAverageAfter", loadAfter);
    report.put("processors", Runtime.getRuntime().availableProcessors());
    return Json.write(report);
  }

  void writeJson(Path file) throws IOException {
    Path directory = file.toAbsolutePath().getParent();
    if (directory != null) Files.createDirectories(directory);
    Files.writeString(file, json());
  }

  private static String summary(LatencyRecorder.Summary s) {
    return s.count() == 0
        ? "no samples"
        : String.format(
            Locale.ROOT,
            "p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms, mean %.3f ms (%,d samples)",
            s.p50(),
            s.p99(),
            s.p999(),
            s.max(),
            s.mean(),
            s.count());
  }

  private static void line(StringBuilder text, String label, String format, Object... values) {
    text.append(String.format(Locale.ROOT, "  %-12s ", label))
        .append(String.format(Locale.ROOT, format, values))
        .append(System.lineSeparator());
  }

  private static double round(double value) {
    return Math.round(value * 10.0) / 10.0;
  }
}
