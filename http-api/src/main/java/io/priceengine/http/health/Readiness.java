package io.priceengine.http.health;

import akka.actor.typed.ActorSystem;
import akka.cluster.MemberStatus;
import akka.cluster.typed.Cluster;
import io.priceengine.engine.Engine;
import io.priceengine.engine.symbol.SymbolEntities;
import io.priceengine.persistence.PriceStore;
import io.priceengine.persistence.db.DatabaseHealth;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * What "ready" means for a node: the journal database answers, this node is Up in the cluster,
 * sharding answers (the symbol directory singleton is reachable through it) and the projection
 * runs. Further checks register with {@link #add}.
 */
public final class Readiness {
  private final Map<String, Supplier<CompletionStage<Boolean>>> checks = new LinkedHashMap<>();

  public static Readiness of(ActorSystem<?> system, Engine engine, PriceStore store) {
    DatabaseHealth database = store.databaseHealth();
    SymbolEntities entities = engine.entities();
    Readiness readiness = new Readiness();
    readiness.add("database", database::check);
    readiness.add("cluster", () -> CompletableFuture.completedFuture(isUp(system)));
    // Before this node is Up the ask could only time out (after seconds, holding the probe).
    readiness.add(
        "sharding",
        () ->
            isUp(system)
                ? entities.listings().handle((listings, error) -> error == null)
                : CompletableFuture.completedFuture(false));
    readiness.add(
        "projection", () -> CompletableFuture.completedFuture(store.projection().running()));
    return readiness;
  }

  /** Up, not Joining, WeaklyUp (joined while another node is unreachable) or Leaving. */
  private static boolean isUp(ActorSystem<?> system) {
    return Cluster.get(system).selfMember().status().equals(MemberStatus.up());
  }

  public Readiness add(String name, Supplier<CompletionStage<Boolean>> check) {
    checks.put(name, check);
    return this;
  }

  /** Runs every check concurrently; a check that fails counts as down. */
  public CompletionStage<Map<String, Boolean>> check() {
    Map<String, CompletableFuture<Boolean>> running = new LinkedHashMap<>();
    checks.forEach(
        (name, check) ->
            running.put(name, check.get().toCompletableFuture().exceptionally(error -> false)));
    return CompletableFuture.allOf(running.values().toArray(CompletableFuture[]::new))
        .thenApply(
            done -> {
              Map<String, Boolean> results = new LinkedHashMap<>();
              running.forEach((name, result) -> results.put(name, result.join()));
              return results;
            });
  }
}
