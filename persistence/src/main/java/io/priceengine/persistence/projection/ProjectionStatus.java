package io.priceengine.persistence.projection;

import akka.projection.HandlerRecoveryStrategy;
import akka.projection.ProjectionId;
import akka.projection.StatusObserver;
import akka.projection.eventsourced.EventEnvelope;
import io.priceengine.engine.symbol.SymbolEntity;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which instances of the price projection this node runs and whether each one's stream is up (it is
 * down between a failure and its restart), for readiness.
 */
final class ProjectionStatus extends StatusObserver<EventEnvelope<SymbolEntity.Event>> {

  private final Map<ProjectionId, Boolean> running = new ConcurrentHashMap<>();

  /** Instances hosted here whose stream is up. */
  long runningHere() {
    return running.values().stream().filter(up -> up).count();
  }

  /** The tags of the instances hosted here whose stream is up, sorted. */
  List<String> tagsRunningHere() {
    return running.entrySet().stream()
        .filter(Map.Entry::getValue)
        .map(e -> e.getKey().key())
        .sorted()
        .toList();
  }

  /** Instances hosted here whose stream failed and waits for its restart. */
  long failingHere() {
    return running.values().stream().filter(up -> !up).count();
  }

  @Override
  public void started(ProjectionId id) {
    running.put(id, true);
  }

  @Override
  public void failed(ProjectionId id, Throwable cause) {
    // Akka logs the failure; the instance restarts from its stored offset after a backoff.
    running.put(id, false);
  }

  @Override
  public void stopped(ProjectionId id) {
    // Stopped for good here (shutdown, or moved to another node), not failed.
    running.remove(id);
  }

  @Override
  public void beforeProcess(ProjectionId id, EventEnvelope<SymbolEntity.Event> envelope) {}

  @Override
  public void afterProcess(ProjectionId id, EventEnvelope<SymbolEntity.Event> envelope) {}

  @Override
  public void offsetProgress(ProjectionId id, EventEnvelope<SymbolEntity.Event> envelope) {}

  @Override
  public void error(
      ProjectionId id,
      EventEnvelope<SymbolEntity.Event> envelope,
      Throwable cause,
      HandlerRecoveryStrategy recoveryStrategy) {}
}
