package io.priceengine.http.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.priceengine.http.ApiClient;
import io.priceengine.http.TestEngine;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Pushes ticks over HTTP for stream tests, failing unless every one is accepted. */
final class Ticks {
  static final String PATH = "/api/v1/market-data/ticks";
  private static final int ATTEMPTS = 5;

  private Ticks() {}

  static void push(ApiClient api, String symbol, String price) {
    push(api, List.of(symbol), price);
  }

  /**
   * One tick per symbol, all at {@code price}, in one request. An overloaded machine can make an
   * entity miss its ask timeout ({@code unavailable}): like any client, this retries those ticks.
   */
  static void push(ApiClient api, List<String> symbols, String price) {
    List<String> remaining = symbols;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      ApiClient.Response response = api.post(PATH, TestEngine.INGEST_TOKEN, body(remaining, price));
      if (response.status() == 503) {
        continue;
      }
      assertEquals(200, response.status(), response.body());
      List<String> unavailable = new ArrayList<>();
      for (JsonNode rejected : response.json().get("rejected")) {
        if (!rejected.path("code").asText().equals("unavailable")) {
          fail("tick rejected: " + rejected);
        }
        unavailable.add(remaining.get(rejected.path("index").asInt()));
      }
      if (unavailable.isEmpty()) {
        return;
      }
      remaining = unavailable;
    }
    fail("ticks for " + remaining + " still unavailable after " + ATTEMPTS + " attempts");
  }

  /** The current history id of each symbol, read over REST. */
  static Map<String, Long> historyIds(ApiClient api, List<String> symbols) {
    ApiClient.Response response =
        api.get("/api/v1/market-data/prices?symbols=" + String.join(",", symbols));
    assertEquals(200, response.status(), response.body());
    Map<String, Long> ids = new HashMap<>();
    response
        .json()
        .get("quotes")
        .forEach(quote -> ids.put(quote.path("symbol").asText(), quote.path("historyId").asLong()));
    return ids;
  }

  /** The n-th test price of a series: 100.01, 100.02, ... */
  static String price(int n) {
    return new BigDecimal("100").add(new BigDecimal(n).movePointLeft(2)).toPlainString();
  }

  private static String body(List<String> symbols, String price) {
    return symbols.stream()
        .map(symbol -> "{\"symbol\":\"" + symbol + "\",\"price\":" + price + "}")
        .collect(Collectors.joining(",", "{\"ticks\":[", "]}"));
  }
}
