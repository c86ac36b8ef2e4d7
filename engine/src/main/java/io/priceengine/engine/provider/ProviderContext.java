package io.priceengine.engine.provider;

import akka.actor.typed.ActorSystem;
import com.typesafe.config.Config;
import io.priceengine.engine.catalog.ProviderStats;
import io.priceengine.engine.symbol.SymbolEntities;
import io.priceengine.engine.symbol.SymbolUniverse;
import java.time.Clock;

/**
 * What a {@link ProviderFactory} gets: the node, its configuration, the entities (e.g. to resume
 * where they are), the symbol universe (which symbols to produce), and the counters of the provider
 * being built (to report malformed data and whether its upstream answers).
 */
public record ProviderContext(
    ActorSystem<?> system,
    Config config,
    SymbolEntities entities,
    SymbolUniverse universe,
    ProviderStats.Counters counters,
    Clock clock) {}
