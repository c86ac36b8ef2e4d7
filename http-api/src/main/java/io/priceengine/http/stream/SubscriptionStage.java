package io.priceengine.http.stream;

import akka.NotUsed;
import akka.stream.Attributes;
import akka.stream.FlowShape;
import akka.stream.Inlet;
import akka.stream.Outlet;
import akka.stream.stage.AbstractInHandler;
import akka.stream.stage.AbstractOutHandler;
import akka.stream.stage.AsyncCallback;
import akka.stream.stage.GraphStage;
import akka.stream.stage.GraphStageLogic;
import akka.stream.stage.TimerGraphStageLogic;
import io.priceengine.engine.quote.QuoteFanOut;
import io.priceengine.engine.quote.QuoteFeeds;
import io.priceengine.engine.symbol.Quote;
import io.priceengine.http.stream.ClientRequest.Subscribe;
import io.priceengine.http.stream.ClientRequest.Unsubscribe;
import io.priceengine.http.stream.ServerMessage.ErrorReply;
import io.priceengine.http.stream.ServerMessage.QuoteUpdate;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The subscriptions of one connection (WebSocket or SSE): requests in, messages out. Live quotes
 * arrive from the node's fan-out on any thread through a {@link QuoteInbox} that the stage empties
 * on its own thread; there each symbol keeps only the newest unsent quote ({@link SymbolFeed}); a
 * message is produced only when the client's side pulls, so a slow client costs at most one quote
 * per symbol, never a queue. Requests are read only while few replies wait, which bounds those too.
 * On any termination the fan-out forgets the connection.
 *
 * <p>The seam between history and live: a symbol is registered with the fan-out before its current
 * quote is asked for, so no update after that quote can be missed; everything up to it comes from
 * the snapshot or the journal replay, and any live quote not newer than what was sent is dropped.
 */
final class SubscriptionStage extends GraphStage<FlowShape<ClientRequest, ServerMessage>> {
  /** Requests are not read while this many replies wait for the client. */
  private static final int MAX_WAITING_REPLIES = 16;

  /**
   * Due quotes set aside instead of conflated when a newer quote of their symbol arrives before the
   * client's side pulled again. The stage pushes one message per pull, and the client's side pulls
   * again only after the stage's callback returned, so without these a client that keeps up would
   * be conflated whenever two quotes of a symbol came in one wake-up. Beyond this many, conflation
   * as before: a stalled client costs at most these plus one quote per symbol. How this was found:
   * docs/benchmarks.md, "Figures behind settings".
   */
  static final int MAX_SET_ASIDE = 32;

  /** Idleness is checked this many times per {@code idleAfter}. */
  private static final int IDLE_CHECKS = 5;

  private static final String IDLE_CHECK = "idle-check";
  private static final DateTimeFormatter SERVER_TIME =
      DateTimeFormatter.ofPattern(Quote.TIME_PATTERN).withZone(ZoneOffset.UTC);

  private final Inlet<ClientRequest> in = Inlet.create("SubscriptionStage.in");
  private final Outlet<ServerMessage> out = Outlet.create("SubscriptionStage.out");
  private final FlowShape<ClientRequest, ServerMessage> shape = FlowShape.of(in, out);
  private final QuoteFeeds feeds;
  private final StreamSettings settings;
  private final Duration idleAfter;
  private final Clock clock;

  /** {@code idleAfter}: silence after which a {@link ServerMessage.Heartbeat} goes out. */
  SubscriptionStage(QuoteFeeds feeds, StreamSettings settings, Duration idleAfter, Clock clock) {
    this.feeds = feeds;
    this.settings = settings;
    this.idleAfter = idleAfter;
    this.clock = clock;
  }

  @Override
  public FlowShape<ClientRequest, ServerMessage> shape() {
    return shape;
  }

  @Override
  public GraphStageLogic createLogic(Attributes inheritedAttributes) {
    return new Logic();
  }

  private record Current(SymbolFeed feed, Optional<Quote> quote, Throwable failure) {}

  private final class Logic extends TimerGraphStageLogic {
    private final Map<String, SymbolFeed> symbols = new LinkedHashMap<>();
    private Long everySymbolInterval; // set while subscribed to "*"
    private final ArrayDeque<ServerMessage> replies = new ArrayDeque<>();
    private final Set<SymbolFeed> due = new LinkedHashSet<>();
    private final ArrayDeque<QuoteUpdate> setAside = new ArrayDeque<>();
    private long lastPushNanos = System.nanoTime();
    private boolean heartbeatDue;
    private final AsyncCallback<NotUsed> onArrival = createAsyncCallback(this::onArrival);
    private final AsyncCallback<Current> onCurrent = createAsyncCallback(this::onCurrent);
    private final AsyncCallback<ReplayQueue.Page> onPage = createAsyncCallback(this::onPage);
    private final QuoteInbox inbox = new QuoteInbox(() -> onArrival.invoke(NotUsed.getInstance()));
    private final ReplayQueue replays =
        new ReplayQueue(feeds, settings, onPage::invoke, this::onReplayed);

    Logic() {
      super(shape);
      setHandler(
          in,
          new AbstractInHandler() {
            @Override
            public void onPush() {
              handle(grab(in));
              emit();
            }

            @Override
            public void onUpstreamFinish() {
              completeStage(); // the client closed its side: the connection is over
            }
          });
      setHandler(
          out,
          new AbstractOutHandler() {
            @Override
            public void onPull() {
              emit();
            }
          });
    }

    @Override
    public void preStart() {
      pull(in);
      // a periodic check rather than a timer reset per message: messages are many, checks few
      scheduleWithFixedDelay(
          IDLE_CHECK, idleAfter.dividedBy(IDLE_CHECKS), idleAfter.dividedBy(IDLE_CHECKS));
    }

    @Override
    public void postStop() {
      feeds.forget(inbox);
    }

    // --- requests -------------------------------------------------------------------------

    private void handle(ClientRequest request) {
      if (request instanceof Subscribe subscribe) {
        subscribe(subscribe);
      } else if (request instanceof Unsubscribe unsubscribe) {
        unsubscribe(unsubscribe);
      } else if (request instanceof ClientRequest.ListSubscriptions list) {
        replies.add(new ServerMessage.Subscriptions(subscriptions(), list.id()));
      } else if (request instanceof ClientRequest.Ping ping) {
        replies.add(new ServerMessage.Pong(ping.id()));
      } else if (request instanceof ClientRequest.Invalid invalid) {
        replies.add(new ErrorReply(invalid.code(), invalid.message(), invalid.id()));
      }
    }

    private void subscribe(Subscribe request) {
      List<String> added = new ArrayList<>();
      for (String symbol : request.symbols()) {
        if (!isSubscribed(symbol)) {
          added.add(symbol);
        }
      }
      if (subscriptions().size() + added.size() > settings.maxSymbols()) {
        replies.add(
            new ErrorReply(
                ClientRequestParser.TOO_MANY_SYMBOLS,
                "at most " + settings.maxSymbols() + " symbols per connection",
                request.id()));
        return;
      }
      long interval = SymbolFeed.intervalNanos(request.maxFrequency());
      List<SymbolFeed> started = new ArrayList<>();
      for (String symbol : request.symbols()) {
        SymbolFeed existing = symbols.get(symbol);
        if (symbol.equals(QuoteFanOut.EVERY_SYMBOL)) {
          everySymbolInterval = interval;
        } else if (existing != null && existing.explicit) {
          existing.rate(interval);
        } else {
          SymbolFeed feed = new SymbolFeed(symbol, true, interval, request.since().get(symbol));
          if (existing != null) {
            feed.takeOver(existing);
            remove(existing);
          }
          symbols.put(symbol, feed);
          started.add(feed);
        }
      }
      // registered first, asked second: the current quote is never older than the first live one
      feeds.subscribe(inbox, added);
      replies.add(new ServerMessage.Subscribed(request.symbols(), request.id()));
      for (SymbolFeed feed : started) {
        feeds
            .current(feed.symbol)
            .whenComplete((quote, failure) -> onCurrent.invoke(new Current(feed, quote, failure)));
      }
    }

    private void unsubscribe(Unsubscribe request) {
      for (String symbol : request.symbols()) {
        if (symbol.equals(QuoteFanOut.EVERY_SYMBOL)) {
          everySymbolInterval = null;
          symbols.values().stream().filter(feed -> !feed.explicit).toList().forEach(this::remove);
        } else {
          SymbolFeed feed = symbols.get(symbol);
          if (feed != null && everySymbolInterval != null) {
            feed.explicit = false; // still arrives through "*"
          } else if (feed != null) {
            remove(feed);
          }
        }
      }
      feeds.unsubscribe(inbox, request.symbols());
      replies.add(new ServerMessage.Unsubscribed(request.symbols(), request.id()));
    }

    private boolean isSubscribed(String symbol) {
      if (symbol.equals(QuoteFanOut.EVERY_SYMBOL)) {
        return everySymbolInterval != null;
      }
      SymbolFeed feed = symbols.get(symbol);
      return feed != null && feed.explicit;
    }

    private List<String> subscriptions() {
      List<String> list = new ArrayList<>();
      if (everySymbolInterval != null) {
        list.add(QuoteFanOut.EVERY_SYMBOL);
      }
      symbols.values().stream()
          .filter(feed -> feed.explicit)
          .forEach(feed -> list.add(feed.symbol));
      return list;
    }

    private void remove(SymbolFeed feed) {
      symbols.remove(feed.symbol);
      due.remove(feed);
      setAside.removeIf(update -> update.quote().symbol().equals(feed.symbol));
      cancelTimer(feed);
      replays.remove(feed);
    }

    private boolean isCurrent(SymbolFeed feed) {
      return symbols.get(feed.symbol) == feed;
    }

    // --- quotes -----------------------------------------------------------------------------

    private void onArrival(NotUsed wakeUp) {
      for (Quote quote : inbox.take()) {
        onLiveQuote(quote);
      }
    }

    private void onLiveQuote(Quote quote) {
      SymbolFeed feed = symbols.get(quote.symbol());
      if (feed == null) {
        if (everySymbolInterval == null) {
          return; // unsubscribed while the quote was on its way
        }
        feed = SymbolFeed.live(quote.symbol(), everySymbolInterval);
        symbols.put(quote.symbol(), feed);
      }
      if (due.contains(feed) && setAside.size() < MAX_SET_ASIDE) {
        due.remove(feed); // its quote goes out before the newer one, in order
        setAside.add(feed.take(System.nanoTime()));
      }
      if (feed.offer(quote)) {
        schedule(feed);
        emit();
      }
    }

    private void onCurrent(Current current) {
      SymbolFeed feed = current.feed();
      if (!isCurrent(feed)) {
        return;
      }
      if (current.failure() != null) {
        replies.add(
            new ErrorReply(
                "unavailable",
                "the current quote of " + feed.symbol + " could not be read; updates follow",
                null));
        feed.start(Optional.empty(), settings.replayLimit());
      } else if (feed.start(current.quote(), settings.replayLimit())) {
        replays.add(feed);
      }
      schedule(feed);
      emit();
    }

    /** Marks a feed's waiting quote as due now, or sets a timer for when its rate allows. */
    private void schedule(SymbolFeed feed) {
      if (!feed.hasDueQuote()) {
        return;
      }
      long wait = feed.waitNanos(System.nanoTime());
      if (wait <= 0) {
        due.add(feed);
      } else if (!isTimerActive(feed)) {
        scheduleOnce(feed, Duration.ofNanos(wait));
      }
    }

    @Override
    public void onTimer(Object key) {
      if (key == IDLE_CHECK) {
        heartbeatDue = System.nanoTime() - lastPushNanos >= idleAfter.toNanos();
        emit();
        return;
      }
      SymbolFeed feed = (SymbolFeed) key;
      if (isCurrent(feed) && feed.hasDueQuote()) {
        due.add(feed);
        emit();
      }
    }

    // --- replay -----------------------------------------------------------------------------

    private void onPage(ReplayQueue.Page page) {
      replays.arrived(page);
      emit();
    }

    private void onReplayed(SymbolFeed feed, boolean journalFailed) {
      if (journalFailed) {
        replies.add(
            new ErrorReply(
                "unavailable",
                "missed updates of " + feed.symbol + " could not be read; sent the current quote",
                null));
      }
      schedule(feed);
    }

    // --- output -----------------------------------------------------------------------------

    private void emit() {
      if (isAvailable(out)) {
        ServerMessage next = next();
        if (next != null) {
          push(out, next);
          lastPushNanos = System.nanoTime();
          heartbeatDue = false;
        }
      }
      if (!hasBeenPulled(in) && !isClosed(in) && replies.size() < MAX_WAITING_REPLIES) {
        pull(in);
      }
    }

    /**
     * Replies first, then replayed quotes, then live ones, symbol by symbol in turn, and a
     * heartbeat when there was nothing for a while.
     */
    private ServerMessage next() {
      ServerMessage reply = replies.poll();
      if (reply != null) {
        return reply;
      }
      Quote missed = replays.next();
      if (missed != null) {
        return new QuoteUpdate(false, missed, 0);
      }
      QuoteUpdate early = setAside.poll();
      if (early != null) {
        return early;
      }
      Iterator<SymbolFeed> dueFeeds = due.iterator();
      if (dueFeeds.hasNext()) {
        SymbolFeed feed = dueFeeds.next();
        dueFeeds.remove();
        return feed.take(System.nanoTime());
      }
      return heartbeatDue ? new ServerMessage.Heartbeat(SERVER_TIME.format(clock.instant())) : null;
    }
  }
}
