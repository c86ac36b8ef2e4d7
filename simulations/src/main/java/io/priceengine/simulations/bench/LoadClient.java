package io.priceengine.simulations.bench;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * The HTTP client the load generators drive the engine with: HTTP/1.1 (one request per connection
 * at a time, like the closed-model clients of the report), a 5 s connect timeout, and the given
 * executor for its callbacks.
 */
final class LoadClient {
  private LoadClient() {}

  static HttpClient http1(Executor executor) {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .executor(executor)
        .build();
  }
}
