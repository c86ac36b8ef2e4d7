package io.priceengine.http;

import static io.priceengine.http.TestEngine.INGEST_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.priceengine.http.ApiClient.Response;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Nothing acknowledged is lost when the whole node stops and a new one starts on its database. */
class RestartDurabilityTest {

  @Test
  void acknowledgedTicksSurviveARestartOfTheWholeSystem() {
    Map<String, String> lastPrice = new HashMap<>();
    Map<String, Long> lastHistoryId = new HashMap<>();
    TestEngine first = TestEngine.start("restart_durability");
    try {
      for (int round = 1; round <= 5; round++) {
        int r = round;
        String body =
            IntStream.range(0, 50)
                .mapToObj(
                    i -> "{\"symbol\":\"DUR" + i + "\",\"price\":" + (100 + i) + "." + r + "}")
                .collect(Collectors.joining(",", "{\"ticks\":[", "]}"));
        Response response = first.client().post("/api/v1/market-data/ticks", INGEST_TOKEN, body);
        assertEquals(50, response.json().get("accepted").asInt(), response.body());
      }
      for (int i = 0; i < 50; i++) {
        Response quote = first.client().get("/api/v1/market-data/prices/DUR" + i);
        lastPrice.put("DUR" + i, quote.json().get("price").decimalValue().toPlainString());
        lastHistoryId.put("DUR" + i, quote.json().get("historyId").asLong());
      }
    } finally {
      first.close();
    }

    try (TestEngine second = TestEngine.restartOn(first)) {
      for (int i = 0; i < 50; i++) {
        Response quote = second.client().get("/api/v1/market-data/prices/DUR" + i);
        assertEquals(200, quote.status(), quote.body());
        assertEquals(new BigDecimal((100 + i) + ".5").toPlainString(), lastPrice.get("DUR" + i));
        assertEquals(
            lastPrice.get("DUR" + i), quote.json().get("price").decimalValue().toPlainString());
        assertEquals(lastHistoryId.get("DUR" + i), quote.json().get("historyId").asLong());
        assertEquals(5, quote.json().get("historyId").asLong());
      }
      Response next =
          second
              .client()
              .post("/api/v1/market-data/ticks", INGEST_TOKEN, "{\"symbol\":\"DUR0\",\"price\":1}");
      assertEquals(1, next.json().get("accepted").asInt());
      assertEquals(
          6,
          second.client().get("/api/v1/market-data/prices/DUR0").json().get("historyId").asLong());
    }
  }
}
