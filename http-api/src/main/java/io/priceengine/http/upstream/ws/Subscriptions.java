package io.priceengine.http.upstream.ws;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The symbols one upstream connection is subscribed to, and the messages that bring it to a new
 * wanted set: {@code {"type":"subscribe","symbol":"AAPL"}} and {@code "unsubscribe"}. A new
 * connection starts empty, so it subscribes to everything wanted (the resubscribe after a
 * reconnect). Used by one stream stage: not thread-safe.
 */
final class Subscriptions {
  private final ObjectMapper mapper;
  private final Set<String> subscribed = new HashSet<>();

  Subscriptions(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  List<String> changeTo(Set<String> wanted) {
    List<String> messages = new ArrayList<>();
    for (String symbol : wanted) {
      if (subscribed.add(symbol)) {
        messages.add(message("subscribe", symbol));
      }
    }
    List<String> gone =
        subscribed.stream().filter(symbol -> !wanted.contains(symbol)).sorted().toList();
    for (String symbol : gone) {
      subscribed.remove(symbol);
      messages.add(message("unsubscribe", symbol));
    }
    return messages;
  }

  private String message(String type, String symbol) {
    return mapper.createObjectNode().put("type", type).put("symbol", symbol).toString();
  }
}
