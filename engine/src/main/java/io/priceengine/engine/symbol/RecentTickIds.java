package io.priceengine.engine.symbol;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The tick ids (clients' idempotency keys, the API's {@code tickId}) of a symbol's latest accepted
 * ticks and the history id each became, so that a tick sent again after an unclear answer is
 * acknowledged with its first history id instead of being recorded twice (docs/reliability.md,
 * "Retries and tick ids"). At least {@value #REMEMBERED} are kept, in the entity's state and
 * snapshots, so this holds across restarts. The ids sit in blocks of {@value #BLOCK}: accepting a
 * tick copies only the newest block, whatever the number remembered. A symbol whose ticks carry no
 * ids holds none of this.
 *
 * @param blocks oldest first; all but the last are full
 */
public record RecentTickIds(List<Block> blocks) {
  static final int BLOCK = 64;
  private static final int FULL_BLOCKS = 16;

  /** The fewest ids remembered once that many ticks with ids were accepted. */
  public static final int REMEMBERED = FULL_BLOCKS * BLOCK;

  static final RecentTickIds NONE = new RecentTickIds(List.of());

  /** What a tick id may be: 1-64 characters A-Z a-z 0-9 . _ : - (docs/api.md). */
  public static final String RULE = "tickId must be 1-64 characters A-Z a-z 0-9 . _ : -";

  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  /** Consecutive remembered ids, oldest first, and the history id of each. */
  public record Block(List<String> ids, List<Long> historyIds) {
    public Block {
      ids = List.copyOf(ids);
      historyIds = List.copyOf(historyIds);
    }

    Block with(String id, long historyId) {
      List<String> moreIds = new ArrayList<>(ids.size() + 1);
      moreIds.addAll(ids);
      moreIds.add(id);
      List<Long> moreHistoryIds = new ArrayList<>(ids.size() + 1);
      moreHistoryIds.addAll(historyIds);
      moreHistoryIds.add(historyId);
      return new Block(moreIds, moreHistoryIds);
    }
  }

  public RecentTickIds {
    blocks = blocks == null ? List.of() : List.copyOf(blocks);
  }

  public static boolean isValid(String tickId) {
    return VALID.matcher(tickId).matches();
  }

  /** The history id the symbol gave the tick with this id, if it is among the remembered ones. */
  OptionalLong historyIdOf(String tickId) {
    for (int b = blocks.size() - 1; b >= 0; b--) {
      List<String> ids = blocks.get(b).ids();
      for (int i = ids.size() - 1; i >= 0; i--) {
        if (ids.get(i).equals(tickId)) {
          return OptionalLong.of(blocks.get(b).historyIds().get(i));
        }
      }
    }
    return OptionalLong.empty();
  }

  /** With {@code tickId} added (null adds nothing); the oldest block goes once enough are kept. */
  RecentTickIds with(String tickId, long historyId) {
    if (tickId == null) {
      return this;
    }
    int last = blocks.size() - 1;
    List<Block> next = new ArrayList<>(blocks.size() + 1);
    if (last >= 0 && blocks.get(last).ids().size() < BLOCK) {
      next.addAll(blocks.subList(0, last));
      next.add(blocks.get(last).with(tickId, historyId));
    } else {
      next.addAll(blocks.subList(blocks.size() > FULL_BLOCKS ? 1 : 0, blocks.size()));
      next.add(new Block(List.of(tickId), List.of(historyId)));
    }
    return new RecentTickIds(next);
  }

  /** How many ids are remembered. */
  int size() {
    return blocks.stream().mapToInt(b -> b.ids().size()).sum();
  }
}
