package io.priceengine.persistence.history;

import java.util.List;

/**
 * A page of a symbol's history, newest first. {@code nextBefore} is the {@code before} of the next
 * (older) page, null on the last one.
 */
public record HistoryPage(String symbol, List<HistoryItem> items, Long nextBefore) {}
