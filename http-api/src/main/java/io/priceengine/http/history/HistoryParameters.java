package io.priceengine.http.history;

import io.priceengine.http.json.ApiError;
import io.priceengine.persistence.history.CandleInterval;
import io.priceengine.persistence.history.HistoryQuery;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;

/**
 * The query parameters of the history and candle endpoints, checked: a query to run, or the 400
 * {@code invalid_request} that says what is wrong. Times are ISO-8601 instants; {@code from} is
 * inclusive, {@code to} exclusive.
 */
final class HistoryParameters {
  /** A candle request covers at most this many intervals (the page limit of the history). */
  static final int MAX_CANDLES = 1000;

  /** A parsed value or the error explaining why there is none. */
  record Parsed<T>(T value, ApiError error) {
    static <T> Parsed<T> of(T value) {
      return new Parsed<>(value, null);
    }

    static <T> Parsed<T> failure(String message) {
      return new Parsed<>(null, ApiError.invalidRequest(message));
    }

    <R> R fold(Function<ApiError, R> onError, Function<T, R> onValue) {
      return error != null ? onError.apply(error) : onValue.apply(value);
    }
  }

  /** What a candle request asks for. */
  record CandleQuery(CandleInterval interval, Instant from, Instant to) {}

  private HistoryParameters() {}

  static Parsed<HistoryQuery> history(
      Optional<String> from, Optional<String> to, Optional<String> limit, Optional<String> before) {
    try {
      Instant start = from.map(value -> instant("from", value)).orElse(HistoryQuery.EARLIEST);
      Instant end = to.map(value -> instant("to", value)).orElse(HistoryQuery.LATEST);
      long size =
          limit
              .map(value -> number("limit", value, 1, HistoryQuery.MAX_LIMIT))
              .orElse((long) HistoryQuery.DEFAULT_LIMIT);
      long below =
          before.map(value -> number("before", value, 1, Long.MAX_VALUE)).orElse(Long.MAX_VALUE);
      if (!start.isBefore(end)) {
        return Parsed.failure("from must be before to");
      }
      return Parsed.of(new HistoryQuery(start, end, below, (int) size));
    } catch (IllegalArgumentException e) {
      return Parsed.failure(e.getMessage());
    }
  }

  /**
   * {@code interval} defaults to 1m, {@code to} to now and {@code from} to {@link #MAX_CANDLES}
   * intervals before {@code to}.
   */
  static Parsed<CandleQuery> candles(
      Optional<String> interval, Optional<String> from, Optional<String> to, Instant now) {
    Optional<CandleInterval> width = CandleInterval.of(interval.orElse("1m"));
    if (width.isEmpty()) {
      return Parsed.failure("interval must be one of 1m, 5m, 15m, 1h, 1d");
    }
    Duration step = width.get().width();
    try {
      Instant end = to.map(value -> instant("to", value)).orElse(now);
      Instant start =
          from.map(value -> instant("from", value))
              .orElse(end.minus(step.multipliedBy(MAX_CANDLES)));
      if (!start.isBefore(end)) {
        return Parsed.failure("from must be before to");
      }
      if (Duration.between(start, end).compareTo(step.multipliedBy(MAX_CANDLES)) > 0) {
        return Parsed.failure(
            "at most "
                + MAX_CANDLES
                + " "
                + width.get().code()
                + " candles per request; narrow from/to");
      }
      return Parsed.of(new CandleQuery(width.get(), start, end));
    } catch (IllegalArgumentException e) {
      return Parsed.failure(e.getMessage());
    }
  }

  private static Instant instant(String name, String value) {
    try {
      Instant instant = Instant.parse(value);
      if (instant.isBefore(HistoryQuery.EARLIEST) || instant.isAfter(HistoryQuery.LATEST)) {
        throw new IllegalArgumentException(name + " is out of range");
      }
      return instant;
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          name + " must be an ISO-8601 instant such as 2026-11-22T10:15:30.123Z");
    }
  }

  private static long number(String name, String value, long min, long max) {
    try {
      long number = Long.parseLong(value);
      if (number < min || number > max) {
        throw new IllegalArgumentException(name + " must be between " + min + " and " + max);
      }
      return number;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number");
    }
  }
}
