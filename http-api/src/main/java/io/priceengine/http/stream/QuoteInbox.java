package io.priceengine.http.stream;

import io.priceengine.engine.quote.QuoteSubscriber;
import io.priceengine.engine.symbol.Quote;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the fan-out leaves quotes for one connection's stage: it wakes the stage only when no
 * wake-up is pending, and the stage takes everything that arrived meanwhile in one go. With many
 * connections this saves a message (and a scheduling of the stream) per quote and connection
 * whenever quotes come faster than the stage gets a thread. The stage empties it on every wake-up,
 * whether or not its client reads, so it holds what arrives within one scheduling delay; the
 * conflation for slow clients happens after it, in the stage.
 */
final class QuoteInbox implements QuoteSubscriber {
  private final Runnable wakeUp;
  private List<Quote> arrived = new ArrayList<>(); // guarded by this
  private boolean wakeUpPending; // guarded by this

  /** {@code wakeUp} must be safe to call from any thread (an async callback of the stage). */
  QuoteInbox(Runnable wakeUp) {
    this.wakeUp = wakeUp;
  }

  @Override
  public void offer(Quote quote) {
    boolean wake;
    synchronized (this) {
      arrived.add(quote);
      wake = !wakeUpPending;
      wakeUpPending = true;
    }
    if (wake) {
      wakeUp.run();
    }
  }

  /** The quotes that arrived since the last call, in arrival order. */
  synchronized List<Quote> take() {
    List<Quote> taken = arrived;
    arrived = new ArrayList<>();
    wakeUpPending = false;
    return taken;
  }
}
