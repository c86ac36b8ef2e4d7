package io.priceengine.http.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.priceengine.http.ApiClient;
import io.priceengine.http.PriceEngine;
import io.priceengine.http.TestEngine;
import io.priceengine.persistence.db.TestDatabase;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A node that cannot join its cluster serves HTTP but is not ready: a load balancer must not send
 * it traffic that its sharding could not route.
 */
class ClusterReadinessTest {

  @Test
  void nodeThatHasNotJoinedItsClusterIsNotReady() throws Exception {
    Config config =
        ConfigFactory.parseMap(
                Map.of(
                    "price-engine.http.port",
                    0,
                    "price-engine.http.ingest-token",
                    TestEngine.INGEST_TOKEN,
                    "price-engine.http.admin-token",
                    TestEngine.ADMIN_TOKEN,
                    "price-engine.providers.enabled",
                    "none",
                    // a seed node nobody listens on: the node keeps trying to join
                    "price-engine.cluster.seed-nodes",
                    "127.0.0.1:" + unusedPort(),
                    "akka.remote.artery.canonical.port",
                    0,
                    "akka.coordinated-shutdown.exit-jvm",
                    "off",
                    "akka.cluster.jmx.multi-mbeans-in-same-jvm",
                    "on"))
            .withFallback(ConfigFactory.load());
    PriceEngine engine = PriceEngine.start(config, TestDatabase.fresh("cluster_readiness"));
    try {
      ApiClient api = new ApiClient("http://127.0.0.1:" + engine.port());
      assertEquals(200, api.get("/health/live").status());
      // Not joined is a state, not a moment: asked again over a few seconds, the answer holds.
      for (int i = 0; i < 3; i++) {
        ApiClient.Response ready = api.get("/health/ready");
        assertEquals(503, ready.status(), ready.body());
        assertEquals("not_ready", ready.errorCode());
        assertEquals("down", ready.json().path("checks").path("cluster").asText());
        assertEquals("up", ready.json().path("checks").path("database").asText());
        TimeUnit.SECONDS.sleep(1);
      }
    } finally {
      engine.stop().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
  }

  private static int unusedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }
}
