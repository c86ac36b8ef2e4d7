package io.priceengine.engine.symbol;

import io.priceengine.engine.serialization.CborSerializable;
import java.time.Instant;

/**
 * A symbol's entry in the universe: whether providers should produce it and how it got there
 * ({@code addedSource} is {@code api} for POST /symbols, {@code provider} for a first tick).
 */
public record Listing(
    String symbol, String companyName, boolean active, String addedSource, Instant createdAt)
    implements CborSerializable {
  public static final String ADDED_BY_API = "api";
  public static final String ADDED_BY_PROVIDER = "provider";

  /** This listing under {@code name}, or unchanged when {@code name} is null. */
  Listing named(String name) {
    return name == null ? this : new Listing(symbol, name, active, addedSource, createdAt);
  }

  /** This listing, active or not. */
  Listing withActive(boolean isActive) {
    return new Listing(symbol, companyName, isActive, addedSource, createdAt);
  }
}
