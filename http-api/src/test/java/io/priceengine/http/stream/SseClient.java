package io.priceengine.http.stream;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Server-Sent Events reader for tests: a JDK HTTP request whose body lines are parsed into events
 * (and comments) on a thread of its own. Closing it closes the connection.
 */
final class SseClient implements AutoCloseable {
  /** An event; a comment line comes as an event named "comment" with the text as data. */
  record Event(String event, String id, String data) {}

  private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final HttpResponse<InputStream> response;
  private final Thread reader;

  private SseClient(HttpResponse<InputStream> response) {
    this.response = response;
    this.reader = new Thread(this::read, "sse-test-reader");
    reader.setDaemon(true);
    reader.start();
  }

  static SseClient open(HttpClient http, URI uri, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
    headers.forEach(request::header);
    try {
      return new SseClient(http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<InputStream> response() {
    return response;
  }

  private void read() {
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String event = null;
      String id = null;
      StringBuilder data = new StringBuilder();
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.isEmpty()) {
          if (event != null || data.length() > 0) {
            events.add(new Event(event == null ? "message" : event, id, data.toString()));
          }
          event = null;
          id = null;
          data.setLength(0);
        } else if (line.startsWith(":")) {
          events.add(new Event("comment", null, line.substring(1).trim()));
        } else if (line.startsWith("event: ")) {
          event = line.substring(7);
        } else if (line.startsWith("id: ")) {
          id = line.substring(4);
        } else if (line.startsWith("data: ")) {
          data.append(line.substring(6));
        }
      }
    } catch (IOException e) {
      // closed by the test
    }
  }

  /** The next event that is not a comment. */
  Event next(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Event event = poll(Duration.ofNanos(deadline - System.nanoTime()));
      if (event == null) {
        throw new AssertionError("no event within " + timeout);
      }
      if (!event.event().equals("comment")) {
        return event;
      }
    }
  }

  Event poll(Duration timeout) {
    try {
      return events.poll(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      response.body().close();
    } catch (IOException e) {
      // already closed
    }
  }
}
