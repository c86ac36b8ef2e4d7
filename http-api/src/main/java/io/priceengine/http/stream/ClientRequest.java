package io.priceengine.http.stream;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * What a subscriber asks for (API.md, WebSocket "Client → server"), parsed and validated. {@code
 * id} is the request's optional id (null when absent), echoed in the reply.
 */
sealed interface ClientRequest {
  JsonNode id();

  /**
   * @param symbols canonical symbols, or "*" for every symbol, without duplicates
   * @param maxFrequency updates per second per symbol; null: as fast as the client reads
   * @param since resume points: the last history id the client has, by symbol
   */
  record Subscribe(JsonNode id, List<String> symbols, Double maxFrequency, Map<String, Long> since)
      implements ClientRequest {}

  record Unsubscribe(JsonNode id, List<String> symbols) implements ClientRequest {}

  record ListSubscriptions(JsonNode id) implements ClientRequest {}

  record Ping(JsonNode id) implements ClientRequest {}

  /** A request that could not be honoured: it gets an error message, the connection stays open. */
  record Invalid(JsonNode id, String code, String message) implements ClientRequest {}
}
