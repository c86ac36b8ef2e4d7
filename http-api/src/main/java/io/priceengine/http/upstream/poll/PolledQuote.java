package io.priceengine.http.upstream.poll;

import com.fasterxml.jackson.databind.JsonNode;
import io.priceengine.engine.symbol.Tick;
import io.priceengine.http.upstream.MalformedUpstreamData;
import io.priceengine.http.upstream.UpstreamFields;

/**
 * The upstream's quote body: {@code {"symbol":"AAPL","price":189.25,"timestamp":1700000000000,
 * "volume":1200,"open":188.1,"high":190,"low":187.9,"previousClose":187.5}}. {@code timestamp} is
 * epoch milliseconds or ISO-8601; volume and the day's prices are optional. The symbol must be the
 * one asked for, so a misrouted answer cannot set another symbol's price.
 */
final class PolledQuote {
  private PolledQuote() {}

  static Tick parse(JsonNode body, String requested) throws MalformedUpstreamData {
    if (body == null || !body.isObject()) {
      throw new MalformedUpstreamData("not a JSON object");
    }
    String symbol = UpstreamFields.symbol(body.get("symbol"));
    if (!symbol.equals(requested)) {
      throw new MalformedUpstreamData("quote for another symbol");
    }
    return Tick.of(
        symbol,
        UpstreamFields.price(body.get("price"), "price"),
        UpstreamFields.optionalVolume(body.get("volume")),
        UpstreamFields.optionalPrice(body.get("open"), "open"),
        UpstreamFields.optionalPrice(body.get("high"), "high"),
        UpstreamFields.optionalPrice(body.get("low"), "low"),
        UpstreamFields.optionalPrice(body.get("previousClose"), "previousClose"),
        UpstreamFields.timestamp(body.get("timestamp"), "timestamp"),
        HttpPollProvider.CODE,
        null);
  }
}
