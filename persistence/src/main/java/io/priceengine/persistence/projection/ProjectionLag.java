package io.priceengine.persistence.projection;

import io.priceengine.persistence.db.SqlReads;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How far the price projection is behind the journal (admin metrics): 0 when no tag has an event
 * left to project, else the age of the newest event projected for the furthest-behind tag — now
 * minus its timestamp, or minus the last time this node saw that tag caught up if that is later
 * (then the unprojected events are younger than that).
 */
public final class ProjectionLag {

  // One round trip: the journal's head, and per tag whether a row newer than the projected one
  // exists up to it. The scan for a tag starts at the later of its projected ordering and a head
  // seen when it was found caught up, so it covers only recent rows even for a tag idle for long.
  private static final String BEHIND =
      """
      WITH head AS (SELECT coalesce(max(ordering), 0) AS ordering FROM journal)
      SELECT t.tag, head.ordering AS head, p.last_event_at,
        EXISTS (SELECT 1 FROM journal j
          WHERE j.ordering > greatest(t.checked, coalesce(p.last_ordering, 0))
            AND j.ordering <= head.ordering AND j.tags = t.tag) AS behind
      FROM unnest($1::text[], $2::bigint[]) AS t(tag, checked)
      CROSS JOIN head
      LEFT JOIN price_projection_progress p ON p.tag = t.tag""";

  private record TagState(String tag, long head, Instant lastEventAt, boolean behind) {}

  /**
   * A row becomes visible at its commit, after rows with higher orderings, so a caught-up head is
   * trusted as a scan start only once it is this old: rows below it committing later are still
   * found (the tag query waits for them too). Journal inserts commit within milliseconds.
   */
  private static final Duration LATE_COMMIT_ALLOWANCE = Duration.ofSeconds(2);

  /** A call that found a tag caught up: the journal head then, and when. */
  private record CaughtUp(long head, Instant at) {}

  private final SqlReads reads;
  private final List<String> tags;
  private final Clock clock;
  private final Instant started;

  /** Per tag, oldest first: the newest observation older than the allowance, and younger ones. */
  private final Map<String, Deque<CaughtUp>> caughtUp = new ConcurrentHashMap<>();

  public ProjectionLag(SqlReads reads, ProjectionSettings settings, Clock clock) {
    this.reads = reads;
    this.tags = settings.tags();
    this.clock = clock;
    this.started = clock.instant();
  }

  public CompletionStage<Long> millis() {
    Instant now = clock.instant();
    Long[] checked = tags.stream().map(tag -> scanFrom(tag, now)).toArray(Long[]::new);
    return reads
        .list(
            BEHIND,
            statement -> statement.bind(0, tags.toArray(String[]::new)).bind(1, checked),
            row ->
                new TagState(
                    row.get("tag", String.class),
                    row.get("head", Long.class),
                    row.get("last_event_at", Instant.class),
                    Boolean.TRUE.equals(row.get("behind", Boolean.class))))
        .thenApply(this::lagMillis);
  }

  private long lagMillis(List<TagState> states) {
    Instant now = clock.instant();
    long lag = 0;
    for (TagState state : states) {
      Deque<CaughtUp> seen = caughtUp.computeIfAbsent(state.tag(), tag -> new ArrayDeque<>());
      if (!state.behind()) {
        synchronized (seen) {
          seen.addLast(new CaughtUp(state.head(), now));
        }
        continue;
      }
      // Nothing projected for this tag yet, and the journal table keeps no event times: count
      // from this node's start.
      Instant newest = state.lastEventAt() != null ? state.lastEventAt() : started;
      synchronized (seen) {
        if (!seen.isEmpty() && seen.peekLast().at().isAfter(newest)) {
          newest = seen.peekLast().at();
        }
      }
      lag = Math.max(lag, Math.max(1, Duration.between(newest, now).toMillis()));
    }
    return lag;
  }

  /** The newest caught-up head older than the allowance (0 without one); drops older ones. */
  private long scanFrom(String tag, Instant now) {
    Deque<CaughtUp> seen = caughtUp.get(tag);
    if (seen == null) {
      return 0;
    }
    synchronized (seen) {
      CaughtUp trusted = null;
      Instant limit = now.minus(LATE_COMMIT_ALLOWANCE);
      while (!seen.isEmpty() && !seen.peekFirst().at().isAfter(limit)) {
        trusted = seen.pollFirst();
      }
      if (trusted == null) {
        return 0;
      }
      seen.addFirst(trusted);
      return trusted.head();
    }
  }
}
