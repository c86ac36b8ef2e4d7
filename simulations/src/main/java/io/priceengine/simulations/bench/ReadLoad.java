package io.priceengine.simulations.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * GET load on one URL prefix (a symbol is appended per request), with one JDK HTTP client for every
 * target so that targets differ only by the server: a closed model (N connections, each sending its
 * next request when the last is answered) for throughput, and an open model (requests started at a
 * fixed rate whatever the answers) for latency. Open-model latency counts from the moment a request
 * was due, so a server that falls behind is charged for the queue it causes (no coordinated
 * omission).
 */
final class ReadLoad {

  /** Requests of the open model in flight at most; beyond it the sender waits (and is charged). */
  static final int MAX_IN_FLIGHT = 1024;

  record Closed(long requests, long errors, double seconds) {
    double perSecond() {
      return requests / seconds;
    }
  }

  /** {@code notSent}: requests due in the window that the sender could not start in it. */
  record Open(
      int offeredPerSecond,
      long sent,
      long notSent,
      long errors,
      double seconds,
      LatencyRecorder.Summary latency) {
    double achievedPerSecond() {
      return (sent - errors) / seconds;
    }
  }

  private final HttpClient client;
  private final String urlPrefix;
  private final List<String> symbols;

  ReadLoad(HttpClient client, String urlPrefix, List<String> symbols) {
    this.client = client;
    this.urlPrefix = urlPrefix;
    this.symbols = symbols;
  }

  /** {@code connections} closed loops for {@code warmUp} then {@code duration}. */
  Closed closed(int connections, Duration warmUp, Duration duration) throws InterruptedException {
    AtomicLong ok = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    long measureFrom = System.nanoTime() + warmUp.toNanos();
    long end = measureFrom + duration.toNanos();
    long[] atStart = new long[2];
    List<Thread> loops = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      Thread loop =
          Machine.daemonThreads("closed-read")
              .newThread(
                  () -> {
                    while (System.nanoTime() < end) {
                      (get() ? ok : errors).incrementAndGet();
                    }
                  });
      loops.add(loop);
      loop.start();
    }
    Waits.sleepUntil(measureFrom);
    atStart[0] = ok.get();
    atStart[1] = errors.get();
    Waits.sleepUntil(end);
    long requests = ok.get() - atStart[0];
    long failed = errors.get() - atStart[1];
    for (Thread loop : loops) loop.join(TimeUnit.SECONDS.toMillis(30));
    return new Closed(requests, failed, duration.toNanos() / 1e9);
  }

  /**
   * Requests due at {@code rate} per second for {@code warmUp} then {@code duration}. The sender
   * stops at the end of the duration: requests still unsent then (the server held too many in
   * flight) are counted as {@code notSent}, not sent late.
   */
  Open open(int rate, Duration warmUp, Duration duration) throws InterruptedException {
    warmUp(rate, warmUp);
    LatencyRecorder latencies = new LatencyRecorder();
    AtomicLong errors = new AtomicLong();
    Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    long due = rate * duration.toSeconds();
    double interval = 1e9 / rate;
    long sent = 0;
    for (long i = 0; i < due; i++) {
      long dueAt = start + (long) (i * interval);
      long wait = dueAt - System.nanoTime();
      if (wait > 50_000) LockSupport.parkNanos(wait);
      long left = end - System.nanoTime();
      if (left <= 0 || !inFlight.tryAcquire(left, TimeUnit.NANOSECONDS)) break;
      sent++;
      client
          .sendAsync(request(), HttpResponse.BodyHandlers.discarding())
          .whenComplete(
              (response, failure) -> {
                latencies.record(System.nanoTime() - dueAt);
                if (failure != null || response.statusCode() != 200) errors.incrementAndGet();
                inFlight.release();
              });
    }
    if (!inFlight.tryAcquire(MAX_IN_FLIGHT, 60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("open-model requests unanswered a minute after the run");
    }
    inFlight.release(MAX_IN_FLIGHT);
    double seconds = duration.toNanos() / 1e9;
    return new Open(rate, sent, due - sent, errors.get(), seconds, latencies.summary());
  }

  private void warmUp(int rate, Duration warmUp) throws InterruptedException {
    if (!warmUp.isZero()) closed(Math.min(64, Math.max(1, rate / 100)), Duration.ZERO, warmUp);
  }

  private boolean get() {
    try {
      return client.send(request(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private HttpRequest request() {
    String symbol = symbols.get(ThreadLocalRandom.current().nextInt(symbols.size()));
    return HttpRequest.newBuilder(URI.create(urlPrefix + symbol))
        .timeout(Duration.ofSeconds(30))
        .GET()
        .build();
  }
}
