package io.priceengine.simulations.bench;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The engine's 200 answer to one ingest request: how many ticks it persisted, and the code of each
 * tick it rejected ({@code {"accepted":n,"rejected":[{"index":i,"code":"…"}]}}, API.md).
 */
record IngestReply(long accepted, List<String> rejectedCodes) {

  /**
   * Reads a reply body.
   *
   * @throws IllegalArgumentException when the body is not an ingest reply
   */
  static IngestReply parse(String body) {
    if (!(Json.parse(body) instanceof Map<?, ?> reply)
        || !(reply.get("accepted") instanceof BigDecimal accepted)) {
      throw new IllegalArgumentException("not an ingest reply: " + abbreviate(body));
    }
    List<String> codes = new ArrayList<>();
    if (reply.get("rejected") instanceof List<?> rejected) {
      for (Object rejection : rejected) {
        Object code = rejection instanceof Map<?, ?> fields ? fields.get("code") : null;
        codes.add(code instanceof String text ? text : "(no code)");
      }
    }
    return new IngestReply(accepted.longValueExact(), List.copyOf(codes));
  }

  static String abbreviate(String body) {
    return body.length() <= 200 ? body : body.substring(0, 200) + "…";
  }
}
