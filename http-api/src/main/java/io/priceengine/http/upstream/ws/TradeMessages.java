package io.priceengine.http.upstream.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.priceengine.engine.provider.ProviderErrors;
import io.priceengine.engine.symbol.Tick;
import io.priceengine.http.json.BoundedJson;
import io.priceengine.http.upstream.MalformedUpstreamData;
import io.priceengine.http.upstream.UpstreamFields;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the upstream's text messages (Finnhub style) into ticks: {@code
 * {"type":"trade","data":[{"s":"AAPL","p":189.25,"t":1700000000000,"v":100}]}}, where {@code t} is
 * epoch milliseconds and {@code v} optional. {@code ping} messages are ignored; an {@code error}
 * message, anything unreadable and each bad trade are reported as malformed and skipped (one bad
 * trade does not cost the others of its message).
 */
final class TradeMessages {
  private final BoundedJson boundedJson;
  private final ProviderErrors errors;

  TradeMessages(ObjectMapper mapper, ProviderErrors errors) {
    this.boundedJson = new BoundedJson(mapper);
    this.errors = errors;
  }

  List<Tick> ticks(String text) {
    JsonNode message;
    try {
      message = boundedJson.readTree(text);
    } catch (JsonProcessingException e) {
      errors.report("bad JSON", text);
      return List.of();
    }
    if (message == null || !message.isObject()) {
      errors.report("not a JSON object", text);
      return List.of();
    }
    String type = message.path("type").asText("");
    switch (type) {
      case "trade":
        return trades(message.get("data"), text);
      case "ping":
        return List.of();
      case "error":
        errors.report("upstream error message", message.path("msg").asText(text));
        return List.of();
      default:
        errors.report(type.isEmpty() ? "missing message type" : "unknown message type", text);
        return List.of();
    }
  }

  private List<Tick> trades(JsonNode data, String text) {
    if (data == null || !data.isArray()) {
      errors.report("trade message without data array", text);
      return List.of();
    }
    List<Tick> ticks = new ArrayList<>(data.size());
    for (JsonNode trade : data) {
      try {
        ticks.add(trade(trade));
      } catch (MalformedUpstreamData e) {
        errors.report(e.kind(), trade.toString());
      }
    }
    return ticks;
  }

  private static Tick trade(JsonNode trade) throws MalformedUpstreamData {
    if (!trade.isObject()) {
      throw new MalformedUpstreamData("trade not an object");
    }
    return Tick.of(
        UpstreamFields.symbol(trade.get("s")),
        UpstreamFields.price(trade.get("p"), "price"),
        UpstreamFields.optionalVolume(trade.get("v")),
        null,
        null,
        null,
        null,
        UpstreamFields.timestamp(trade.get("t"), "timestamp"),
        UpstreamWsProvider.CODE,
        null);
  }
}
