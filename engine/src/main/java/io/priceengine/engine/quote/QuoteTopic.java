package io.priceengine.engine.quote;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Props;
import akka.actor.typed.pubsub.Topic;
import io.priceengine.engine.symbol.Quote;
import io.priceengine.engine.symbol.QuotePublisher;

/**
 * The cluster-wide channel of persisted quotes: this node's instance of the Akka pub/sub topic
 * {@value #NAME}. Entities publish to the instance of the node they run on; each instance forwards
 * a quote to the instances of the other nodes that have subscribers (found through the cluster
 * receptionist), and those hand it to their local subscribers. Publishing is a {@code tell}, so an
 * entity never waits for subscribers. Delivery is at most once, in publishing order per entity.
 */
public final class QuoteTopic {
  public static final String NAME = "quotes";

  private final ActorRef<Topic.Command<Quote>> topic;

  private QuoteTopic(ActorRef<Topic.Command<Quote>> topic) {
    this.topic = topic;
  }

  /** Starts this node's topic instance; call once per node, before the symbol entities. */
  public static QuoteTopic start(ActorSystem<?> system) {
    return new QuoteTopic(
        system.systemActorOf(Topic.create(Quote.class, NAME), "quote-topic", Props.empty()));
  }

  /** What the symbol entities of this node publish through. */
  public QuotePublisher publisher() {
    return quote -> topic.tell(Topic.publish(quote));
  }

  void subscribe(ActorRef<Quote> subscriber) {
    topic.tell(Topic.subscribe(subscriber));
  }
}
