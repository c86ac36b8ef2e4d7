package io.priceengine.http.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.priceengine.engine.symbol.Quote;
import io.priceengine.http.stream.ServerMessage.QuoteUpdate;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Writes messages for subscribers as JSON text. Quotes are nearly all of them, and the node's
 * fan-out hands the same quote instance to every subscriber of its symbol, so a quote's JSON is
 * made once and kept in a small identity-keyed cache; per client only the envelope is written (the
 * same text Jackson writes for a {@link QuoteUpdate}). Thread-safe: one writer serves every
 * connection of the node.
 */
final class MessageWriter {
  /** Recent quotes by identity; a collision only costs writing a quote again. */
  private static final int SLOTS = 1024;

  private record Written(Quote quote, String json) {}

  private final ObjectMapper mapper;
  private final AtomicReferenceArray<Written> recent = new AtomicReferenceArray<>(SLOTS);

  MessageWriter(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  String write(ServerMessage message) {
    if (!(message instanceof QuoteUpdate update)) {
      return json(message);
    }
    StringBuilder text =
        new StringBuilder(600)
            .append("{\"type\":\"quote\",\"snapshot\":")
            .append(update.snapshot())
            .append(",\"quote\":")
            .append(quote(update.quote()));
    if (update.skipped() != 0) {
      text.append(",\"skipped\":").append(update.skipped());
    }
    return text.append('}').toString();
  }

  /** The JSON of a quote, as in every other response of the API. */
  String quote(Quote quote) {
    int slot = System.identityHashCode(quote) & (SLOTS - 1);
    Written written = recent.get(slot);
    if (written == null || written.quote() != quote) {
      written = new Written(quote, json(quote));
      recent.set(slot, written);
    }
    return written.json();
  }

  private String json(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
    }
  }
}
