package io.priceengine.engine.quote;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.Props;
import akka.actor.typed.SupervisorStrategy;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.AskPattern;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import io.priceengine.engine.symbol.Quote;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * This node's one subscriber of the {@link QuoteTopic}: it hands every quote to the local {@link
 * QuoteSubscriber}s of its symbol, and to those of every symbol ({@value #EVERY_SYMBOL}).
 * Connections register here rather than on the topic, so a quote crosses the network once per node
 * and not once per connection, and connects and disconnects never touch cluster-wide state. The
 * actor only looks up and calls {@link QuoteSubscriber#offer}, which never blocks, so a slow client
 * cannot slow it down; it is node-local (its messages are never serialized).
 */
public final class QuoteFanOut {
  public static final String EVERY_SYMBOL = "*";

  /** What the fan-out knows right now: connections, and (connection, symbol) pairs. */
  public record Counts(int subscribers, int subscriptions) {}

  private static final Duration ASK_TIMEOUT = Duration.ofSeconds(5);

  private final ActorSystem<?> system;
  private final ActorRef<Command> hub;

  private QuoteFanOut(ActorSystem<?> system, ActorRef<Command> hub) {
    this.system = system;
    this.hub = hub;
  }

  /** Starts this node's fan-out, subscribed to {@code topic}; call once per node. */
  public static QuoteFanOut start(ActorSystem<?> system, QuoteTopic topic) {
    Behavior<Command> hub =
        Behaviors.supervise(Behaviors.<Command>setup(ctx -> new Hub(ctx, topic)))
            // resume, not restart: a restart would forget every connection of the node
            .onFailure(SupervisorStrategy.resume());
    return new QuoteFanOut(system, system.systemActorOf(hub, "quote-fan-out", Props.empty()));
  }

  /** From now on {@code subscriber} gets the quotes of {@code symbols} (may hold "*"). */
  public void subscribe(QuoteSubscriber subscriber, Collection<String> symbols) {
    hub.tell(new Subscribe(subscriber, List.copyOf(symbols)));
  }

  public void unsubscribe(QuoteSubscriber subscriber, Collection<String> symbols) {
    hub.tell(new Unsubscribe(subscriber, List.copyOf(symbols)));
  }

  /** Drops every subscription of {@code subscriber}: its connection has ended. */
  public void forget(QuoteSubscriber subscriber) {
    hub.tell(new Forget(subscriber));
  }

  public CompletionStage<Counts> counts() {
    return AskPattern.ask(hub, GetCounts::new, ASK_TIMEOUT, system.scheduler());
  }

  private sealed interface Command {}

  private record Subscribe(QuoteSubscriber subscriber, List<String> symbols) implements Command {}

  private record Unsubscribe(QuoteSubscriber subscriber, List<String> symbols) implements Command {}

  private record Forget(QuoteSubscriber subscriber) implements Command {}

  private record GetCounts(ActorRef<Counts> replyTo) implements Command {}

  private record Published(Quote quote) implements Command {}

  /** The registry of subscriptions, touched only by the actor. */
  private static final class Hub extends AbstractBehavior<Command> {
    private final Map<String, Set<QuoteSubscriber>> bySymbol = new HashMap<>();
    private final Map<QuoteSubscriber, Set<String>> bySubscriber = new HashMap<>();

    Hub(ActorContext<Command> context, QuoteTopic topic) {
      super(context);
      topic.subscribe(context.messageAdapter(Quote.class, Published::new));
    }

    @Override
    public Receive<Command> createReceive() {
      return newReceiveBuilder()
          .onMessage(Published.class, this::onPublished)
          .onMessage(Subscribe.class, this::onSubscribe)
          .onMessage(Unsubscribe.class, this::onUnsubscribe)
          .onMessage(Forget.class, this::onForget)
          .onMessage(GetCounts.class, this::onGetCounts)
          .build();
    }

    private Behavior<Command> onPublished(Published published) {
      Quote quote = published.quote();
      Set<QuoteSubscriber> direct = bySymbol.getOrDefault(quote.symbol(), Set.of());
      for (QuoteSubscriber subscriber : direct) {
        subscriber.offer(quote);
      }
      for (QuoteSubscriber subscriber : bySymbol.getOrDefault(EVERY_SYMBOL, Set.of())) {
        if (!direct.contains(subscriber)) {
          subscriber.offer(quote);
        }
      }
      return this;
    }

    private Behavior<Command> onSubscribe(Subscribe command) {
      for (String symbol : command.symbols()) {
        bySymbol.computeIfAbsent(symbol, s -> new HashSet<>()).add(command.subscriber());
        bySubscriber.computeIfAbsent(command.subscriber(), s -> new HashSet<>()).add(symbol);
      }
      return this;
    }

    private Behavior<Command> onUnsubscribe(Unsubscribe command) {
      Set<String> symbols = bySubscriber.get(command.subscriber());
      if (symbols == null) {
        return this;
      }
      for (String symbol : command.symbols()) {
        symbols.remove(symbol);
        remove(symbol, command.subscriber());
      }
      if (symbols.isEmpty()) {
        bySubscriber.remove(command.subscriber());
      }
      return this;
    }

    private Behavior<Command> onForget(Forget command) {
      Set<String> symbols = bySubscriber.remove(command.subscriber());
      if (symbols != null) {
        symbols.forEach(symbol -> remove(symbol, command.subscriber()));
      }
      return this;
    }

    private void remove(String symbol, QuoteSubscriber subscriber) {
      Set<QuoteSubscriber> subscribers = bySymbol.get(symbol);
      if (subscribers != null && subscribers.remove(subscriber) && subscribers.isEmpty()) {
        bySymbol.remove(symbol);
      }
    }

    private Behavior<Command> onGetCounts(GetCounts command) {
      int subscriptions = bySymbol.values().stream().mapToInt(Set::size).sum();
      command.replyTo().tell(new Counts(bySubscriber.size(), subscriptions));
      return this;
    }
  }
}
