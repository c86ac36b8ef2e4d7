package io.priceengine.persistence.projection;

import io.priceengine.persistence.db.SqlReads;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
  // exists up to it. The scan for a tag starts at the later of its projected ordering and the head
  // seen when it was last found caught up, so it covers only rows written since the last call.
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

  /** Per tag: the journal head at the last call that found it caught up, and when that was. */
  private record CaughtUp(long head, Instant at) {}

  private final SqlReads reads;
  private final List<String> tags;
  private final Clock clock;
  private final Instant started;
  private final Map<String, CaughtUp> caughtUp = new ConcurrentHashMap<>();

  public ProjectionLag(SqlReads reads, ProjectionSettings settings, Clock clock) {
    this.reads = reads;
    this.tags = settings.tags();
    this.clock = clock;
    this.started = clock.instant();
  }

  public CompletionStage<Long> millis() {
    Long[] checked =
        tags.stream()
            .map(tag -> caughtUp.containsKey(tag) ? caughtUp.get(tag).head() : 0L)
            .toArray(Long[]::new);
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
      if (!state.behind()) {
        caughtUp.put(state.tag(), new CaughtUp(state.head(), now));
        continue;
      }
      // Nothing projected for this tag yet, and the journal table keeps no event times: count
      // from this node's start.
      Instant newest = state.lastEventAt() != null ? state.lastEventAt() : started;
      CaughtUp seen = caughtUp.get(state.tag());
      if (seen != null && seen.at().isAfter(newest)) {
        newest = seen.at();
      }
      lag = Math.max(lag, Math.max(1, Duration.between(newest, now).toMillis()));
    }
    return lag;
  }
}
