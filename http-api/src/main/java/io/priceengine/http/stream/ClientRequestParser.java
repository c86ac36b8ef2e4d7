package io.priceengine.http.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.priceengine.engine.quote.QuoteFanOut;
import io.priceengine.engine.symbol.Rejection;
import io.priceengine.engine.symbol.Symbols;
import io.priceengine.http.json.BoundedJson;
import io.priceengine.http.stream.ClientRequest.Invalid;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the text of a client's message into a {@link ClientRequest}; whatever is wrong with it
 * becomes an {@link Invalid} with the API's error code, never an exception.
 */
final class ClientRequestParser {
  static final String INVALID_REQUEST = "invalid_request";
  static final String INVALID_SYMBOL = "invalid_symbol";
  static final String TOO_MANY_SYMBOLS = "too_many_symbols";

  /** One update in about 17 minutes; below it the update interval overflows. */
  static final double MIN_FREQUENCY = 0.001;

  private final BoundedJson json;
  private final int maxSymbols;

  ClientRequestParser(ObjectMapper mapper, int maxSymbols) {
    this.json = new BoundedJson(mapper);
    this.maxSymbols = maxSymbols;
  }

  ClientRequest parse(String text) {
    JsonNode root;
    try {
      root = json.readTree(text);
    } catch (JsonProcessingException e) {
      return new Invalid(null, INVALID_REQUEST, "malformed JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      return new Invalid(null, INVALID_REQUEST, "a request is a JSON object with an \"action\"");
    }
    JsonNode id = root.get("id");
    JsonNode action = root.get("action");
    if (action == null || !action.isTextual()) {
      return new Invalid(id, INVALID_REQUEST, "the request has no \"action\"");
    }
    return switch (action.asText()) {
      case "subscribe" -> subscribe(id, root);
      case "unsubscribe" -> unsubscribe(id, root);
      case "list" -> new ClientRequest.ListSubscriptions(id);
      case "ping" -> new ClientRequest.Ping(id);
      default ->
          new Invalid(
              id,
              INVALID_REQUEST,
              "unknown action \"" + action.asText() + "\" (subscribe, unsubscribe, list, ping)");
    };
  }

  private ClientRequest subscribe(JsonNode id, JsonNode root) {
    SymbolsOrError symbols = symbols(id, root.get("symbols"));
    if (symbols.error() != null) {
      return symbols.error();
    }
    JsonNode frequency = root.get("maxFrequency");
    if (frequency != null && !(frequency.isNumber() && frequency.asDouble() >= MIN_FREQUENCY)) {
      return new Invalid(
          id,
          INVALID_REQUEST,
          "maxFrequency must be a number of updates per second, at least " + MIN_FREQUENCY);
    }
    Map<String, Long> since = new HashMap<>();
    JsonNode sinceNode = root.get("since");
    if (sinceNode != null) {
      if (!sinceNode.isObject()) {
        return new Invalid(id, INVALID_REQUEST, "since must map symbols to history ids");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = sinceNode.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        Optional<String> symbol = Symbols.normalize(entry.getKey());
        if (symbol.isEmpty()) {
          return invalidSymbol(id, entry.getKey());
        }
        JsonNode historyId = entry.getValue();
        if (!historyId.canConvertToExactIntegral()
            || !historyId.canConvertToLong()
            || historyId.asLong() < 0) {
          return new Invalid(
              id, INVALID_REQUEST, "since." + symbol.get() + " must be a history id");
        }
        since.put(symbol.get(), historyId.asLong());
      }
    }
    return new ClientRequest.Subscribe(
        id, symbols.symbols(), frequency == null ? null : frequency.asDouble(), since);
  }

  private ClientRequest unsubscribe(JsonNode id, JsonNode root) {
    SymbolsOrError symbols = symbols(id, root.get("symbols"));
    return symbols.error() != null
        ? symbols.error()
        : new ClientRequest.Unsubscribe(id, symbols.symbols());
  }

  private record SymbolsOrError(List<String> symbols, Invalid error) {}

  private SymbolsOrError symbols(JsonNode id, JsonNode node) {
    if (node == null || !node.isArray() || node.isEmpty()) {
      return failure(id, INVALID_REQUEST, "symbols must be a non-empty array, e.g. [\"AAPL\"]");
    }
    if (node.size() > maxSymbols) {
      return failure(id, TOO_MANY_SYMBOLS, "at most " + maxSymbols + " symbols per connection");
    }
    Set<String> symbols = new LinkedHashSet<>();
    for (JsonNode element : node) {
      if (!element.isTextual()) {
        return failure(id, INVALID_REQUEST, "symbols must be strings");
      }
      String raw = element.asText();
      if (raw.equals(QuoteFanOut.EVERY_SYMBOL)) {
        symbols.add(raw);
        continue;
      }
      Optional<String> symbol = Symbols.normalize(raw);
      if (symbol.isEmpty()) {
        return new SymbolsOrError(List.of(), invalidSymbol(id, raw));
      }
      symbols.add(symbol.get());
    }
    return new SymbolsOrError(new ArrayList<>(symbols), null);
  }

  private static SymbolsOrError failure(JsonNode id, String code, String message) {
    return new SymbolsOrError(List.of(), new Invalid(id, code, message));
  }

  private static Invalid invalidSymbol(JsonNode id, String raw) {
    return new Invalid(id, INVALID_SYMBOL, Rejection.invalidSymbol(raw).message());
  }
}
