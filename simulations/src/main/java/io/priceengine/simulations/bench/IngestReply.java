package io.priceengine.simulations.bench;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The engine's 200 answer to one ingest request: how many ticks it persisted, and the index and
 * code of each tick it rejected ({@code {"accepted":n,"rejected":[{"index":i,"code":"…"}]}},
 * API.md).
 */
record IngestReply(long accepted, List<Rejected> rejected) {

  /** One rejected tick: its index in the request (-1 when the reply names none) and its code. */
  record Rejected(int index, String code) {}

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
    List<Rejected> rejected = new ArrayList<>();
    if (reply.get("rejected") instanceof List<?> rejections) {
      for (Object rejection : rejections) {
        Map<?, ?> fields = rejection instanceof Map<?, ?> map ? map : Map.of();
        Object index = fields.get("index");
        Object code = fields.get("code");
        rejected.add(
            new Rejected(
                index instanceof BigDecimal number ? number.intValueExact() : -1,
                code instanceof String text ? text : "(no code)"));
      }
    }
    return new IngestReply(accepted.longValueExact(), List.copyOf(rejected));
  }

  /**
   * The code of an API error body ({@code {"error":{"code":"…"}}}), or null when the body is not
   * one (e.g. a proxy's or the HTTP server's own text).
   */
  static String errorCode(String body) {
    try {
      if (Json.parse(body) instanceof Map<?, ?> answer
          && answer.get("error") instanceof Map<?, ?> error
          && error.get("code") instanceof String code) {
        return code;
      }
    } catch (IllegalArgumentException e) {
      // not JSON: no code
    }
    return null;
  }

  List<String> rejectedCodes() {
    return rejected.stream().map(Rejected::code).toList();
  }

  static String abbreviate(String body) {
    return body.length() <= 200 ? body : body.substring(0, 200) + "…";
  }
}
