package io.priceengine.http.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.priceengine.engine.catalog.ProviderCatalog;
import io.priceengine.engine.symbol.Rejection;
import io.priceengine.engine.symbol.Symbols;
import io.priceengine.engine.symbol.Tick;
import io.priceengine.http.json.ApiError;
import io.priceengine.http.json.BoundedJson;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a POST /ticks body (one Tick, or {@code {"ticks":[…]}}) into ticks and per-index
 * rejections. A body that is not JSON of that shape fails as a whole.
 */
public final class TickParser {

  /** One element of the body: a tick to ingest, or why it cannot be. */
  public record Item(int index, Tick tick, Rejection rejection) {}

  /** The parsed body: its items, or the error that rejects the whole request. */
  public record Parsed(List<Item> items, ApiError error) {}

  private final BoundedJson json;
  private final ProviderCatalog providers;
  private final int maxTicks;

  public TickParser(ObjectMapper mapper, ProviderCatalog providers, int maxTicks) {
    this.json = new BoundedJson(mapper);
    this.providers = providers;
    this.maxTicks = maxTicks;
  }

  public Parsed parse(byte[] body, Instant now) {
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (JsonProcessingException e) {
      return failure(ApiError.invalidRequest("malformed JSON: " + e.getOriginalMessage()));
    }
    if (root == null || !root.isObject()) {
      return failure(ApiError.invalidRequest("body must be a Tick object or {\"ticks\":[…]}"));
    }
    JsonNode ticks = root.get("ticks");
    if (ticks == null) {
      return new Parsed(List.of(item(0, root, now)), null);
    }
    if (!ticks.isArray()) {
      return failure(ApiError.invalidRequest("ticks must be an array"));
    }
    if (ticks.size() > maxTicks) {
      return failure(ApiError.payloadTooLarge("at most " + maxTicks + " ticks per request"));
    }
    List<Item> items = new ArrayList<>(ticks.size());
    for (int i = 0; i < ticks.size(); i++) {
      items.add(item(i, ticks.get(i), now));
    }
    return new Parsed(items, null);
  }

  private Item item(int index, JsonNode node, Instant now) {
    try {
      Tick tick = tick(node, now);
      Optional<Rejection> invalid = tick.validate(providers);
      return invalid
          .map(r -> new Item(index, null, r))
          .orElseGet(() -> new Item(index, tick, null));
    } catch (InvalidField e) {
      return new Item(index, null, e.rejection);
    }
  }

  private Tick tick(JsonNode node, Instant now) {
    if (!node.isObject()) {
      throw new InvalidField(Rejection.invalidRequest("a tick must be a JSON object"));
    }
    return Tick.of(
            symbol(node.get("symbol")),
            price(node, "price", true),
            volume(node.get("volume")),
            price(node, "open", false),
            price(node, "high", false),
            price(node, "low", false),
            price(node, "previousClose", false),
            timestamp(node.get("sourceTimestamp"), now),
            text(node, "provider").orElse(ProviderCatalog.PUSH),
            text(node, "companyName").orElse(null))
        .withTickId(text(node, "tickId").orElse(null));
  }

  private static String symbol(JsonNode value) {
    if (isAbsent(value)) {
      throw new InvalidField(Rejection.invalidRequest("symbol is required"));
    }
    if (!value.isTextual()) {
      throw new InvalidField(Rejection.invalidSymbol(value.toString()));
    }
    return Symbols.normalize(value.asText())
        .orElseThrow(() -> new InvalidField(Rejection.invalidSymbol(value.asText())));
  }

  private static BigDecimal price(JsonNode tick, String field, boolean required) {
    JsonNode value = tick.get(field);
    if (isAbsent(value)) {
      if (required) {
        throw new InvalidField(new Rejection(Rejection.INVALID_PRICE, field + " is required"));
      }
      return null;
    }
    if (!value.isNumber()) {
      throw new InvalidField(Rejection.invalidPrice(field));
    }
    try {
      return value.decimalValue();
    } catch (NumberFormatException e) {
      // Jackson keeps out-of-range literals such as 1e400 as an infinite double.
      throw new InvalidField(Rejection.invalidPrice(field));
    }
  }

  private static Long volume(JsonNode value) {
    if (isAbsent(value)) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw new InvalidField(Rejection.invalidRequest("volume must be a non-negative integer"));
    }
    return value.longValue();
  }

  private static Instant timestamp(JsonNode value, Instant now) {
    if (isAbsent(value)) {
      return now;
    }
    if (value.isTextual()) {
      try {
        return OffsetDateTime.parse(value.asText()).toInstant();
      } catch (DateTimeParseException e) {
        // fall through to the rejection below
      }
    }
    throw new InvalidField(
        Rejection.invalidRequest(
            "sourceTimestamp must be ISO-8601 with an offset, e.g. 2026-11-22T10:15:30.123Z"));
  }

  private static Optional<String> text(JsonNode tick, String field) {
    JsonNode value = tick.get(field);
    if (isAbsent(value)) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw new InvalidField(Rejection.invalidRequest(field + " must be a string"));
    }
    return Optional.of(value.asText());
  }

  private static boolean isAbsent(JsonNode value) {
    return value == null || value.isNull();
  }

  private static Parsed failure(ApiError error) {
    return new Parsed(List.of(), error);
  }

  /** A field that makes its tick invalid; caught per tick, never escapes the parser. */
  private static final class InvalidField extends RuntimeException {
    private final Rejection rejection;

    InvalidField(Rejection rejection) {
      super(rejection.message(), null, false, false);
      this.rejection = rejection;
    }
  }
}
