package io.priceengine.persistence.projection;

import akka.actor.typed.ActorSystem;
import akka.cluster.MemberStatus;
import akka.cluster.sharding.typed.ShardedDaemonProcessSettings;
import akka.cluster.sharding.typed.javadsl.ShardedDaemonProcess;
import akka.cluster.typed.Cluster;
import akka.persistence.jdbc.query.javadsl.JdbcReadJournal;
import akka.persistence.query.Offset;
import akka.persistence.query.PersistenceQuery;
import akka.projection.ProjectionBehavior;
import akka.projection.ProjectionId;
import akka.projection.eventsourced.EventEnvelope;
import akka.projection.eventsourced.javadsl.EventSourcedProvider;
import akka.projection.javadsl.GroupedProjection;
import akka.projection.javadsl.SourceProvider;
import akka.projection.r2dbc.javadsl.R2dbcProjection;
import io.priceengine.engine.symbol.SymbolEntity;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;

/**
 * The projection of symbol events into the read tables (docs/architecture.md, "Read tables and the
 * projection"): one exactly-once, batched R2DBC projection per tag slice over the JDBC journal's
 * {@code eventsByTag}, the slices run as a ShardedDaemonProcess so they spread over the cluster's
 * nodes.
 */
public final class PriceProjection {

  /** The projection's name in the offset store; each instance's key is its tag. */
  public static final String NAME = "prices";

  private final ActorSystem<?> system;
  private final ProjectionSettings settings;
  private final ProjectionStatus status;

  private PriceProjection(
      ActorSystem<?> system, ProjectionSettings settings, ProjectionStatus status) {
    this.system = system;
    this.settings = settings;
    this.status = status;
  }

  /** Starts this node's share of the projection instances. */
  public static PriceProjection init(ActorSystem<?> system, ProjectionSettings settings) {
    ProjectionStatus status = new ProjectionStatus();
    JdbcReadJournal journal =
        PersistenceQuery.get(system)
            .getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
    ShardedDaemonProcess.get(system)
        .init(
            ProjectionBehavior.Command.class,
            NAME,
            settings.tagSlices(),
            slice ->
                ProjectionBehavior.create(
                    projection(system, settings, settings.tags().get(slice), journal, status)),
            ShardedDaemonProcessSettings.create(system),
            Optional.of(ProjectionBehavior.stopMessage()));
    return new PriceProjection(system, settings, status);
  }

  public static ProjectionId projectionId(String tag) {
    return ProjectionId.of(NAME, tag);
  }

  private static GroupedProjection<Offset, EventEnvelope<SymbolEntity.Event>> projection(
      ActorSystem<?> system,
      ProjectionSettings settings,
      String tag,
      JdbcReadJournal journal,
      ProjectionStatus status) {
    SourceProvider<Offset, EventEnvelope<SymbolEntity.Event>> events =
        EventSourcedProvider.eventsByTag(system, JdbcReadJournal.Identifier(), tag);
    SequenceCheck sequenceCheck = new SequenceCheck(system, journal);
    return R2dbcProjection.groupedWithin(
            projectionId(tag),
            Optional.empty(),
            events,
            () -> new PriceProjectionHandler(tag, sequenceCheck, settings.sessions()),
            system)
        .withGroup(settings.groupSize(), settings.groupWithin())
        .withRestartBackoff(settings.minBackoff(), settings.maxBackoff(), settings.randomFactor())
        .withStatusObserver(status);
  }

  /** The tag slices whose projection instance runs on this node now (e.g. {@code prices-2}). */
  public List<String> slicesHere() {
    return status.tagsRunningHere();
  }

  /**
   * Readiness: no instance on this node waits for a restart after a failure, and in a cluster of
   * one (where this node runs them all) every instance has started. In a larger cluster another
   * node may run the instances; each node answers for its own.
   */
  public boolean running() {
    if (status.failingHere() > 0) {
      return false;
    }
    long upMembers =
        StreamSupport.stream(Cluster.get(system).state().getMembers().spliterator(), false)
            .filter(member -> member.status().equals(MemberStatus.up()))
            .count();
    return upMembers > 1 || status.runningHere() == settings.tagSlices();
  }
}
