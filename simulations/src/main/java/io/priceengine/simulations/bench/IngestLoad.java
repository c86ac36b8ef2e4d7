package io.priceengine.simulations.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

/**
 * Drives the ingest endpoint in a closed loop: {@code concurrency} senders, each posting its next
 * batch as soon as the previous one is answered, through the warm-up and then the measured window.
 * Only answers that arrive inside the measured window are tallied.
 */
final class IngestLoad {

  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  /**
   * After a failed request, so that a dead or overloaded engine is not hammered in a tight loop.
   */
  private static final long PAUSE_AFTER_FAILURE_MILLIS = 100;

  private static final long PROGRESS_INTERVAL_SECONDS = 5;

  /** The measured window, in {@link System#nanoTime()} terms. */
  private record Window(long start, long end) {
    boolean contains(long nanoTime) {
      return nanoTime - start >= 0 && nanoTime - end <= 0;
    }

    boolean over(long nanoTime) {
      return nanoTime - end >= 0;
    }
  }

  private final IngestSettings settings;
  private final HttpClient client;
  private final TickBatchSource batches;
  private final Executor executor;
  private final Executor afterPause;
  private final URI ticksUri;
  private final IngestTally tally = new IngestTally();
  private final LongAdder acceptedSoFar = new LongAdder(); // warm-up included, for progress lines
  private final LongAdder failedSoFar = new LongAdder();

  IngestLoad(
      IngestSettings settings, HttpClient client, TickBatchSource batches, Executor executor) {
    this.settings = settings;
    this.client = client;
    this.batches = batches;
    this.executor = executor;
    this.afterPause =
        CompletableFuture.delayedExecutor(
            PAUSE_AFTER_FAILURE_MILLIS, TimeUnit.MILLISECONDS, executor);
    this.ticksUri = URI.create(settings.baseUrl() + "/api/v1/market-data/ticks");
  }

  /**
   * Runs warm-up and measurement, waits for the requests still in flight, and returns the tally.
   */
  IngestTally run() throws InterruptedException, TimeoutException {
    long begin = System.nanoTime();
    long measureStart = begin + settings.warmUp().toNanos();
    Window window = new Window(measureStart, measureStart + settings.duration().toNanos());
    ScheduledExecutorService progress = startProgressLines(begin, window);
    CompletableFuture<?>[] senders = new CompletableFuture<?>[settings.concurrency()];
    for (int i = 0; i < senders.length; i++) {
      CompletableFuture<Void> done = new CompletableFuture<>();
      senders[i] = done;
      executor.execute(() -> sendNext(window, done));
    }
    long allowed = window.end() - begin + REQUEST_TIMEOUT.multipliedBy(2).toNanos();
    try {
      CompletableFuture.allOf(senders).get(allowed, TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a sender failed", e.getCause());
    } finally {
      progress.shutdownNow();
    }
    return tally;
  }

  private void sendNext(Window window, CompletableFuture<Void> done) {
    if (window.over(System.nanoTime())) {
      done.complete(null);
      return;
    }
    HttpRequest request =
        HttpRequest.newBuilder(ticksUri)
            .timeout(REQUEST_TIMEOUT)
            .header("Authorization", "Bearer " + settings.token())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(batches.nextBatch()))
            .build();
    long sentAt = System.nanoTime();
    client
        .sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .whenCompleteAsync(
            (response, failure) -> {
              try {
                long answeredAt = System.nanoTime();
                boolean measured = window.contains(answeredAt);
                boolean ok = record(response, failure, answeredAt - sentAt, measured);
                (ok ? executor : afterPause).execute(() -> sendNext(window, done));
              } catch (RuntimeException e) {
                done.completeExceptionally(e);
              }
            },
            executor);
  }

  /** Tallies one answer; true when it was a readable 200. */
  private boolean record(
      HttpResponse<String> response, Throwable failure, long latencyNanos, boolean measured) {
    if (failure != null) {
      failedSoFar.increment();
      if (measured) tally.transportFailed(unwrap(failure).getClass().getSimpleName());
      return false;
    }
    if (response.statusCode() != 200) {
      failedSoFar.increment();
      if (measured) tally.failed(response.statusCode(), response.body());
      return false;
    }
    IngestReply reply;
    try {
      reply = IngestReply.parse(response.body());
    } catch (IllegalArgumentException | ArithmeticException e) {
      failedSoFar.increment();
      if (measured) tally.transportFailed("unreadable_reply");
      return false;
    }
    acceptedSoFar.add(reply.accepted());
    if (measured) tally.acknowledged(latencyNanos, reply);
    return true;
  }

  /** The failure itself, out of the completion wrappers of the async client. */
  static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  /** One line on stderr every few seconds, so a long run shows it is alive and how it goes. */
  private ScheduledExecutorService startProgressLines(long begin, Window window) {
    ScheduledExecutorService progress =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "ingest-bench-progress");
              thread.setDaemon(true);
              return thread;
            });
    long[] previous = new long[2];
    progress.scheduleAtFixedRate(
        () -> {
          long now = System.nanoTime();
          long intervalStart = now - TimeUnit.SECONDS.toNanos(PROGRESS_INTERVAL_SECONDS);
          long accepted = acceptedSoFar.sum();
          long failed = failedSoFar.sum();
          System.err.printf(
              Locale.ROOT,
              "%5d s  %-9s %,10.0f ticks/s accepted, %,d failed requests%n",
              TimeUnit.NANOSECONDS.toSeconds(now - begin),
              intervalStart - window.start() < 0 ? "warm-up" : "measuring",
              (accepted - previous[0]) / (double) PROGRESS_INTERVAL_SECONDS,
              failed - previous[1]);
          previous[0] = accepted;
          previous[1] = failed;
        },
        PROGRESS_INTERVAL_SECONDS,
        PROGRESS_INTERVAL_SECONDS,
        TimeUnit.SECONDS);
    return progress;
  }
}
