package io.priceengine.engine.symbol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RecentTickIdsTest {

  @Test
  void remembersAtLeastTheLatestThousandIdsWithTheirHistoryIds() {
    RecentTickIds ids = RecentTickIds.NONE;
    for (int i = 1; i <= 5_000; i++) {
      ids = ids.with("t-" + i, 10_000 + i);
      int remembered = ids.size();
      assertTrue(remembered >= Math.min(i, RecentTickIds.REMEMBERED), remembered + " after " + i);
      assertTrue(remembered <= RecentTickIds.REMEMBERED + RecentTickIds.BLOCK);
    }
    for (int i = 5_000 - 999; i <= 5_000; i++) {
      assertEquals(10_000 + i, ids.historyIdOf("t-" + i).getAsLong());
    }
    assertFalse(ids.historyIdOf("t-1").isPresent(), "the oldest are forgotten");
    assertFalse(ids.historyIdOf("never").isPresent());
  }

  @Test
  void aTickWithoutIdChangesNothing() {
    RecentTickIds ids = RecentTickIds.NONE.with("a", 1);
    assertSame(ids, ids.with(null, 2));
  }

  @Test
  void acceptsOnlyTheApiAlphabetUpTo64Characters() {
    assertTrue(RecentTickIds.isValid("A-z_0.9:x"));
    assertTrue(RecentTickIds.isValid("x".repeat(64)));
    assertFalse(RecentTickIds.isValid(""));
    assertFalse(RecentTickIds.isValid("x".repeat(65)));
    assertFalse(RecentTickIds.isValid("a b"));
    assertFalse(RecentTickIds.isValid("é"));
    assertFalse(RecentTickIds.isValid("a/b"));
  }
}
