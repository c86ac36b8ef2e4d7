package io.priceengine.simulations.bench;

import io.priceengine.simulations.bench.OverloadTally.Answer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Offers ingest past capacity in an open loop: a request of new ticks falls due every {@code
 * ticksPerRequest / rate} seconds of the window and is sent whatever the answers, except that a
 * request due while {@code maxOutstanding} are unanswered is not offered (and counted: the bound
 * only keeps the client alive). Every answer goes into the {@link TickLedger} and, for first
 * attempts, the {@link OverloadTally}. Afterwards the ticks of unknown fate are sent again with the
 * same tickIds until each is answered or the deadline passes.
 */
final class OverloadLoad {

  /** How many retry requests are in flight at once: the retries are not part of the load. */
  private static final int RETRY_CONCURRENCY = 4;

  /** Between retry rounds, unless the engine asks for longer with {@code Retry-After}. */
  private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

  private static final Duration LONGEST_RETRY_AFTER = Duration.ofSeconds(30);

  /**
   * An answer read: its kind, the reply of a 200, what kind of OTHER it was (status or exception)
   * and its body (the exception's message when there was no answer).
   */
  record Reading(Answer answer, IngestReply reply, String other, String body) {

    static Reading of(HttpResponse<String> response, Throwable failure) {
      if (failure != null) {
        Throwable cause = IngestLoad.unwrap(failure);
        String message = cause.getMessage() == null ? "(no message)" : cause.getMessage();
        return new Reading(Answer.OTHER, null, cause.getClass().getSimpleName(), message);
      }
      String body = response.body();
      Answer answer = Answer.of(response.statusCode(), body);
      if (answer == Answer.ACKNOWLEDGED) {
        try {
          return new Reading(answer, IngestReply.parse(body), null, body);
        } catch (IllegalArgumentException | ArithmeticException e) {
          return new Reading(Answer.OTHER, null, "200 unreadable", body);
        }
      }
      String other = answer == Answer.OTHER ? String.valueOf(response.statusCode()) : null;
      return new Reading(answer, null, other, body);
    }

    /** What the answer says about the request's ticks, entered in the ledger. */
    void enter(TickLedger ledger, int[] ticks) {
      switch (answer) {
        case ACKNOWLEDGED -> ledger.answered(ticks, reply);
        case OVERLOADED, RATE_LIMITED -> ledger.refused(ticks);
        case UNAVAILABLE, OTHER -> ledger.unknown(ticks);
      }
    }
  }

  private final HttpClient client;
  private final URI ticksUri;
  private final String token;
  private final OverloadTicks ticks;
  private final TickLedger ledger;
  private final OverloadTally tally;
  private final Executor executor;

  OverloadLoad(
      HttpClient client,
      URI baseUrl,
      String token,
      OverloadTicks ticks,
      TickLedger ledger,
      OverloadTally tally,
      Executor executor) {
    this.client = client;
    this.ticksUri = URI.create(baseUrl + "/api/v1/market-data/ticks");
    this.token = token;
    this.ticks = ticks;
    this.ledger = ledger;
    this.tally = tally;
    this.executor = executor;
  }

  /**
   * Offers {@code ticksPerSecond} for {@code duration}, then waits until every request sent is
   * answered or has timed out.
   */
  void offer(double ticksPerSecond, int ticksPerRequest, Duration duration, int maxOutstanding)
      throws InterruptedException {
    double intervalNanos = 1e9 * ticksPerRequest / ticksPerSecond;
    Semaphore outstanding = new Semaphore(maxOutstanding);
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    for (long k = 0; ; k++) {
      long dueAt = start + (long) (k * intervalNanos);
      if (dueAt - end >= 0) break;
      long wait;
      while ((wait = dueAt - System.nanoTime()) > 0) LockSupport.parkNanos(wait);
      if (!outstanding.tryAcquire()) {
        tally.notOffered();
        continue;
      }
      int[] batch = ledger.add(ticksPerRequest);
      HttpRequest request = request(batch);
      long sentAt = System.nanoTime();
      tally.sent(batch.length, sentAt - dueAt);
      client
          .sendAsync(request, HttpResponse.BodyHandlers.ofString())
          .whenCompleteAsync(
              (response, failure) -> {
                try {
                  long answeredAt = System.nanoTime();
                  int second = answeredAt - end < 0 ? (int) ((answeredAt - start) / 1e9) : -1;
                  firstAnswer(batch, Reading.of(response, failure), answeredAt - sentAt, second);
                } finally {
                  outstanding.release();
                }
              },
              executor);
    }
    awaitAll(outstanding, maxOutstanding);
  }

  private void firstAnswer(int[] batch, Reading reading, long latencyNanos, int windowSecond) {
    reading.enter(ledger, batch);
    if (reading.answer() == Answer.OTHER) {
      tally.other(reading.other(), reading.body());
    } else {
      tally.answered(reading.answer(), reading.reply(), latencyNanos, windowSecond);
    }
  }

  /**
   * Sends the ticks of unknown fate again, same tickIds, in rounds, until none is left or {@code
   * deadline} has passed.
   *
   * @return how many ticks are still of unknown fate
   */
  int retry(int ticksPerRequest, Duration deadline) throws InterruptedException {
    long giveUp = System.nanoTime() + deadline.toNanos();
    int[] unknown = ledger.unknownTicks();
    while (unknown.length > 0 && System.nanoTime() - giveUp < 0) {
      System.err.printf("retrying %,d ticks of unknown fate%n", unknown.length);
      Semaphore slots = new Semaphore(RETRY_CONCURRENCY);
      AtomicLong pauseMillis = new AtomicLong(RETRY_PAUSE.toMillis());
      for (int from = 0; from < unknown.length && System.nanoTime() - giveUp < 0; ) {
        int[] batch =
            Arrays.copyOfRange(unknown, from, Math.min(unknown.length, from + ticksPerRequest));
        from += batch.length;
        slots.acquire();
        tally.retried(batch.length);
        client
            .sendAsync(request(batch), HttpResponse.BodyHandlers.ofString())
            .whenCompleteAsync(
                (response, failure) -> {
                  try {
                    Reading reading = Reading.of(response, failure);
                    reading.enter(ledger, batch);
                    if (response != null && reading.answer() != Answer.ACKNOWLEDGED) {
                      pauseMillis.accumulateAndGet(retryAfterMillis(response), Math::max);
                    }
                  } finally {
                    slots.release();
                  }
                },
                executor);
      }
      awaitAll(slots, RETRY_CONCURRENCY);
      unknown = ledger.unknownTicks();
      long left = TimeUnit.NANOSECONDS.toMillis(giveUp - System.nanoTime());
      if (unknown.length > 0 && left > 0) Thread.sleep(Math.min(pauseMillis.get(), left));
    }
    return unknown.length;
  }

  private HttpRequest request(int[] batch) {
    return HttpRequest.newBuilder(ticksUri)
        .timeout(IngestLoad.REQUEST_TIMEOUT)
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(ticks.body(batch)))
        .build();
  }

  /** The engine's {@code Retry-After} in milliseconds (seconds form only), at most 30 s. */
  private static long retryAfterMillis(HttpResponse<String> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .map(
            value -> {
              try {
                return Math.min(
                    LONGEST_RETRY_AFTER.toMillis(),
                    TimeUnit.SECONDS.toMillis(Long.parseLong(value.trim())));
              } catch (NumberFormatException e) {
                return 0L;
              }
            })
        .orElse(0L);
  }

  /** Waits until every permit is back: each request has been answered or has timed out. */
  private static void awaitAll(Semaphore permits, int all) throws InterruptedException {
    long allowed = IngestLoad.REQUEST_TIMEOUT.multipliedBy(2).toNanos();
    if (!permits.tryAcquire(all, allowed, TimeUnit.NANOSECONDS)) {
      throw new IllegalStateException("requests still unanswered long after their timeout");
    }
    permits.release(all);
  }
}
