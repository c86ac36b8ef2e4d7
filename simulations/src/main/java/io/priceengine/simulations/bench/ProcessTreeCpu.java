package io.priceengine.simulations.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time used so far by a process and all its descendants (the engine JVM and its embedded
 * PostgreSQL with every backend), read from Linux {@code /proc}. The CPU cost per tick is what
 * neighbours on a shared machine distort least, unlike ticks per second.
 */
final class ProcessTreeCpu {
  /** USER_HZ: the unit of utime/stime in /proc/PID/stat on every Linux architecture in use. */
  private static final double CLOCK_TICKS_PER_SECOND = 100;

  private ProcessTreeCpu() {}

  /** Seconds of user + system CPU of {@code root} and its descendants; -1 without /proc. */
  static double seconds(long root) {
    Map<Long, List<Long>> children = new HashMap<>();
    Map<Long, Long> ticks = new HashMap<>();
    try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
      for (Path entry : (Iterable<Path>) entries::iterator) {
        String name = entry.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) continue;
        String stat;
        try {
          stat = Files.readString(entry.resolve("stat"));
        } catch (IOException gone) {
          continue; // the process ended meanwhile
        }
        // After "pid (comm) ": state ppid ... with utime and stime the 12th and 13th fields.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long pid = Long.parseLong(name);
        children.computeIfAbsent(Long.parseLong(fields[1]), p -> new ArrayList<>()).add(pid);
        ticks.put(pid, userPlusSystem(fields));
      }
    } catch (IOException e) {
      return -1;
    }
    long total = 0;
    Deque<Long> pending = new ArrayDeque<>(List.of(root));
    while (!pending.isEmpty()) {
      long pid = pending.pop();
      total += ticks.getOrDefault(pid, 0L);
      pending.addAll(children.getOrDefault(pid, List.of()));
    }
    return total / CLOCK_TICKS_PER_SECOND;
  }

  /** Seconds of user + system CPU of {@code pid} alone (all its threads); -1 without /proc. */
  static double ownSeconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return userPlusSystem(stat.substring(stat.lastIndexOf(')') + 2).split(" "))
          / CLOCK_TICKS_PER_SECOND;
    } catch (IOException e) {
      return -1;
    }
  }

  /** utime + stime from the fields after "pid (comm) " of /proc/PID/stat. */
  private static long userPlusSystem(String[] fields) {
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }
}
