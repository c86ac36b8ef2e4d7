package io.priceengine.http.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
  private final AtomicLong now = new AtomicLong();
  private final TokenBucket bucket = new TokenBucket(100, 200, now::get);

  @Test
  void allowsTheBurstThenRefillsAtTheRate() {
    assertEquals(Duration.ZERO, bucket.take(200));
    assertEquals(Duration.ofMillis(10), bucket.take(1));
    now.addAndGet(Duration.ofMillis(500).toNanos());
    assertEquals(Duration.ZERO, bucket.take(50));
    assertEquals(Duration.ofMillis(10), bucket.take(1));
  }

  @Test
  void neverHoldsMoreThanTheBurst() {
    now.addAndGet(Duration.ofHours(1).toNanos());
    assertEquals(Duration.ZERO, bucket.take(200));
    assertEquals(Duration.ofSeconds(2), bucket.take(500));
  }
}
