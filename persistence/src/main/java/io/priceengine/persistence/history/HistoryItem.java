package io.priceengine.persistence.history;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.priceengine.engine.symbol.Quote;
import java.math.BigDecimal;
import java.time.Instant;

/** One accepted price of a symbol, as the history endpoint shows it (API.md "HistoryItem"). */
public record HistoryItem(
    long historyId,
    BigDecimal price,
    Long volume,
    BigDecimal open,
    BigDecimal high,
    BigDecimal low,
    BigDecimal previousClose,
    @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = Quote.TIME_PATTERN, timezone = "UTC")
        Instant sourceTimestamp,
    @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = Quote.TIME_PATTERN, timezone = "UTC")
        Instant fetchedAt,
    String provider) {}
