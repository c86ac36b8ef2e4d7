package io.priceengine.http.stream;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.JsonNode;
import io.priceengine.engine.symbol.Quote;
import java.util.List;

/**
 * What the server sends a subscriber (API.md, WebSocket "Server → client"); Jackson writes the
 * {@code type} field from each record's type name. A null {@code id} (the request had none) is left
 * out.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonInclude(JsonInclude.Include.NON_NULL)
sealed interface ServerMessage {

  @JsonTypeName("subscribed")
  record Subscribed(List<String> symbols, JsonNode id) implements ServerMessage {}

  @JsonTypeName("unsubscribed")
  record Unsubscribed(List<String> symbols, JsonNode id) implements ServerMessage {}

  @JsonTypeName("subscriptions")
  record Subscriptions(List<String> symbols, JsonNode id) implements ServerMessage {}

  /** {@code skipped}: updates of the symbol dropped by conflation since the previous one sent. */
  @JsonTypeName("quote")
  @JsonPropertyOrder({"snapshot", "quote", "skipped"})
  record QuoteUpdate(
      boolean snapshot, Quote quote, @JsonInclude(JsonInclude.Include.NON_DEFAULT) int skipped)
      implements ServerMessage {}

  @JsonTypeName("heartbeat")
  record Heartbeat(String serverTime) implements ServerMessage {}

  @JsonTypeName("pong")
  record Pong(JsonNode id) implements ServerMessage {}

  @JsonTypeName("error")
  record ErrorReply(String code, String message, JsonNode id) implements ServerMessage {}
}
