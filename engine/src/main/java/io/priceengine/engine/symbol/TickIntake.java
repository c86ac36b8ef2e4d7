package io.priceengine.engine.symbol;

import akka.actor.typed.Behavior;
import akka.actor.typed.BehaviorInterceptor;
import akka.actor.typed.TypedActorContext;
import akka.actor.typed.javadsl.Behaviors;
import java.time.Clock;
import java.util.Collections;

/**
 * Where a symbol entity's ticks come in (docs/architecture.md, "Write path"). Ticks that arrive
 * while the symbol's write is in flight join the next group at once instead of waiting in the
 * persistence stash: they need no state the write could change that the {@link GroupCommit} does
 * not already know, and if the write fails they are answered with it. While the entity restarts
 * after a failed write, ticks are answered {@code unavailable} at once instead of waiting out the
 * restart's backoff. Every other command, and ticks at any other time, go to the entity, which Akka
 * stashes while it writes: also once the next group is full, and as long as a tick or listing
 * change waits in that stash, so that ticks are still decided in arrival order.
 */
final class TickIntake extends BehaviorInterceptor<SymbolEntity.Command, SymbolEntity.Command> {
  private final GroupCommit commit;
  private final Clock clock;
  private final int maxGroupTicks;

  TickIntake(GroupCommit commit, Clock clock, int maxGroupTicks) {
    super(SymbolEntity.Command.class);
    this.commit = commit;
    this.clock = clock;
    this.maxGroupTicks = maxGroupTicks;
  }

  @Override
  public Behavior<SymbolEntity.Command> aroundReceive(
      TypedActorContext<SymbolEntity.Command> ctx,
      SymbolEntity.Command msg,
      ReceiveTarget<SymbolEntity.Command> target) {
    if (msg instanceof SymbolEntity.UpdatePrices cmd) {
      if (commit.restarting()) {
        SymbolEntity.UpdateResult unavailable =
            new SymbolEntity.Unavailable(
                "the symbol's journal writes are failing; retry this tick");
        cmd.replyTo()
            .tell(
                new SymbolEntity.UpdateResults(
                    Collections.nCopies(cmd.ticks().size(), unavailable)));
        return Behaviors.same();
      }
      if (commit.writeInFlight()
          && commit.entityCaughtUp()
          && commit.pendingTicks() < maxGroupTicks) {
        commit.offerDuringWrite(cmd, clock.instant());
        if (commit.queueWrite()) {
          ctx.asJava().getSelf().tell(new SymbolEntity.WritePending());
        }
        return Behaviors.same();
      }
    }
    if (msg instanceof SymbolEntity.UpdatePrices
        || msg instanceof SymbolEntity.Onboard
        || msg instanceof SymbolEntity.Delist) {
      commit.handedOver();
    }
    return target.apply(ctx, msg);
  }
}
