package io.priceengine.http.upstream.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SubscriptionsTest {

  private static Set<String> symbols(String... symbols) {
    return new LinkedHashSet<>(List.of(symbols));
  }

  @Test
  void subscribesToWhatIsNewAndUnsubscribesFromWhatIsGone() {
    Subscriptions subscriptions = new Subscriptions(new ObjectMapper());
    assertEquals(
        List.of(
            "{\"type\":\"subscribe\",\"symbol\":\"AAPL\"}",
            "{\"type\":\"subscribe\",\"symbol\":\"MSFT\"}"),
        subscriptions.changeTo(symbols("AAPL", "MSFT")));
    assertEquals(List.of(), subscriptions.changeTo(symbols("MSFT", "AAPL")));
    assertEquals(
        List.of(
            "{\"type\":\"subscribe\",\"symbol\":\"NFLX\"}",
            "{\"type\":\"unsubscribe\",\"symbol\":\"AAPL\"}"),
        subscriptions.changeTo(symbols("MSFT", "NFLX")));
  }
}
