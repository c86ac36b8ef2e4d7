package io.priceengine.http.admin;

import akka.actor.Address;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.AskPattern;
import akka.cluster.ClusterEvent.CurrentClusterState;
import akka.cluster.Member;
import akka.cluster.MemberStatus;
import akka.cluster.sharding.ShardRegion.CurrentShardRegionState;
import akka.cluster.sharding.ShardRegion.ShardState;
import akka.cluster.sharding.typed.ClusterShardingQuery;
import akka.cluster.sharding.typed.GetShardRegionState;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import akka.cluster.typed.Cluster;
import io.priceengine.engine.Engine;
import io.priceengine.engine.provider.ClusterProviders;
import io.priceengine.engine.symbol.SymbolEntity;
import io.priceengine.persistence.PriceStore;
import io.priceengine.persistence.projection.PriceProjection;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.stream.StreamSupport;

/**
 * GET /admin/cluster: the membership as this node sees it, and what runs on this node (its symbol
 * shards, projection slices, whether it runs the providers). Operators use it to see where work
 * went after a node joined, left or crashed; the cluster tests use it to find a symbol's node.
 */
public final class ClusterView {

  /** The response body. Addresses are {@code host:port} of the cluster (Artery) endpoint. */
  public record View(
      String self,
      String status,
      String leader,
      List<MemberView> members,
      List<String> shards,
      int entities,
      List<String> projectionSlices,
      boolean providersHere) {}

  /** {@code status} is Akka's member status in snake case: joining, weakly_up, up, leaving, ... */
  public record MemberView(String address, String status, boolean reachable) {}

  private final ActorSystem<?> system;
  private final PriceProjection projection;
  private final ClusterProviders providers;
  private final Duration timeout;

  public ClusterView(ActorSystem<?> system, Engine engine, PriceStore store) {
    this.system = system;
    this.projection = store.projection();
    this.providers = engine.providers();
    this.timeout = engine.askTimeout();
  }

  public CompletionStage<View> current() {
    return AskPattern.<ClusterShardingQuery, CurrentShardRegionState>ask(
            ClusterSharding.get(system).shardState(),
            replyTo -> new GetShardRegionState(SymbolEntity.ENTITY_KEY, replyTo),
            timeout,
            system.scheduler())
        .thenApply(this::view);
  }

  private View view(CurrentShardRegionState region) {
    Cluster cluster = Cluster.get(system);
    CurrentClusterState state = cluster.state();
    Set<Member> unreachable = state.getUnreachable();
    List<MemberView> members =
        StreamSupport.stream(state.getMembers().spliterator(), false)
            .map(
                m ->
                    new MemberView(
                        address(m.address()), status(m.status()), !unreachable.contains(m)))
            .toList();
    List<String> shards =
        region.getShards().stream()
            .map(ShardState::shardId)
            .sorted(
                Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder()))
            .toList();
    int entities = region.getShards().stream().mapToInt(s -> s.getEntityIds().size()).sum();
    Address leader = state.getLeader();
    return new View(
        address(cluster.selfMember().address()),
        status(cluster.selfMember().status()),
        leader == null ? null : address(leader),
        members,
        shards,
        entities,
        projection.slicesHere(),
        providers.runningHere());
  }

  private static String address(Address address) {
    return address.host().getOrElse(() -> "") + ":" + address.port().getOrElse(() -> 0);
  }

  /** {@code WeaklyUp} → {@code weakly_up}. */
  static String status(MemberStatus status) {
    return status.toString().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }
}
