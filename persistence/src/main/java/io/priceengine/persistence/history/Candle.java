package io.priceengine.persistence.history;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.priceengine.engine.symbol.Quote;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Open, high, low and close of the prices whose source timestamps fall in [{@code start}, start +
 * interval), in history-id order; {@code volume} is how much the day's cumulative volume grew in
 * the interval (null when no tick carried a volume), {@code ticks} how many prices there were.
 */
public record Candle(
    @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = Quote.TIME_PATTERN, timezone = "UTC")
        Instant start,
    BigDecimal open,
    BigDecimal high,
    BigDecimal low,
    BigDecimal close,
    Long volume,
    long ticks) {}
