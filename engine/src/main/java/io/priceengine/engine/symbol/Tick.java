package io.priceengine.engine.symbol;

import io.priceengine.engine.catalog.ProviderCatalog;
import io.priceengine.engine.serialization.CborSerializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * One price observation from a provider, as it enters the engine. Optional fields are null when the
 * provider did not send them. Build with {@link #of} so timestamps carry millisecond precision (the
 * API's time format) and prices have one canonical representation. {@code tickId} is the client's
 * idempotency key (see {@link RecentTickIds}), null when none was sent.
 */
public record Tick(
    String symbol,
    BigDecimal price,
    Long volume,
    BigDecimal open,
    BigDecimal high,
    BigDecimal low,
    BigDecimal previousClose,
    Instant sourceTimestamp,
    String provider,
    String companyName,
    String tickId)
    implements CborSerializable {

  public static final int MAX_COMPANY_NAME = 200;

  public static Tick of(
      String symbol,
      BigDecimal price,
      Long volume,
      BigDecimal open,
      BigDecimal high,
      BigDecimal low,
      BigDecimal previousClose,
      Instant sourceTimestamp,
      String provider,
      String companyName) {
    return new Tick(
        symbol,
        Prices.canonical(price),
        volume,
        Prices.canonical(open),
        Prices.canonical(high),
        Prices.canonical(low),
        Prices.canonical(previousClose),
        sourceTimestamp == null ? null : sourceTimestamp.truncatedTo(ChronoUnit.MILLIS),
        provider,
        companyName,
        null);
  }

  /** This tick with the client's idempotency key. */
  public Tick withTickId(String id) {
    return new Tick(
        symbol,
        price,
        volume,
        open,
        high,
        low,
        previousClose,
        sourceTimestamp,
        provider,
        companyName,
        id);
  }

  /** A tick carrying only a price, for providers and tests that know nothing more. */
  public static Tick price(String symbol, BigDecimal price, Instant at, String provider) {
    return of(symbol, price, null, null, null, null, null, at, provider, null);
  }

  /** The first rule this tick breaks, independent of any current quote. */
  public Optional<Rejection> validate(ProviderCatalog providers) {
    if (!Symbols.isCanonical(symbol)) {
      return Optional.of(Rejection.invalidSymbol(symbol));
    }
    if (!Prices.isValid(price)) {
      return Optional.of(Rejection.invalidPrice("price"));
    }
    if (!optionalPriceValid(open)) {
      return Optional.of(Rejection.invalidPrice("open"));
    }
    if (!optionalPriceValid(high)) {
      return Optional.of(Rejection.invalidPrice("high"));
    }
    if (!optionalPriceValid(low)) {
      return Optional.of(Rejection.invalidPrice("low"));
    }
    if (!optionalPriceValid(previousClose)) {
      return Optional.of(Rejection.invalidPrice("previousClose"));
    }
    if (volume != null && volume < 0) {
      return Optional.of(Rejection.invalidRequest("volume must be a non-negative integer"));
    }
    if (sourceTimestamp == null) {
      return Optional.of(Rejection.invalidRequest("sourceTimestamp is required"));
    }
    if (sourceTimestamp.isBefore(Instant.EPOCH)) {
      return Optional.of(Rejection.invalidRequest("sourceTimestamp is before 1970-01-01"));
    }
    if (provider == null || providers.find(provider).isEmpty()) {
      return Optional.of(
          Rejection.invalidRequest(
              "unknown provider "
                  + Rejection.printable(provider)
                  + "; known: "
                  + providers.codes()));
    }
    if (companyName != null && !isValidCompanyName(companyName)) {
      return Optional.of(Rejection.invalidRequest(COMPANY_NAME_RULE));
    }
    if (tickId != null && !RecentTickIds.isValid(tickId)) {
      return Optional.of(Rejection.invalidRequest(RecentTickIds.RULE));
    }
    return Optional.empty();
  }

  public static final String COMPANY_NAME_RULE =
      "companyName must be at most " + MAX_COMPANY_NAME + " printable Unicode characters";

  public static boolean isValidCompanyName(String name) {
    // An unpaired surrogate is no Unicode text: neither the journal's CBOR nor PostgreSQL take it.
    return name.length() <= MAX_COMPANY_NAME
        && name.codePoints()
            .noneMatch(
                c -> Character.isISOControl(c) || Character.getType(c) == Character.SURROGATE);
  }

  private static boolean optionalPriceValid(BigDecimal value) {
    return value == null || Prices.isValid(value);
  }
}
