package io.priceengine.engine.catalog;

import java.time.Duration;

/**
 * What the engine knows of a provider: its code, display name, priority (lower number = preferred)
 * and how long its quotes stay fresh before a less preferred provider may take over.
 */
public record ProviderSpec(String code, String displayName, int priority, Duration staleAfter) {}
