package io.priceengine.persistence.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operating-system side of the embedded server: how its programs are run (as root, through a
 * user namespace), how a server is stopped, and how a server left running by a killed JVM is found
 * and stopped.
 */
final class PostgresProcesses {

  private static final Logger log = LoggerFactory.getLogger(PostgresProcesses.class);

  /** PostgreSQL's fast shutdown; SIGTERM would wait for every client to disconnect. */
  static final String FAST_SHUTDOWN = "-INT";

  /** PostgreSQL's immediate shutdown: no checkpoint, crash recovery at the next start. */
  static final String IMMEDIATE_SHUTDOWN = "-QUIT";

  private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

  private PostgresProcesses() {}

  /**
   * PostgreSQL refuses to run as root. In a new user namespace without a uid mapping we appear as
   * uid 65534 and so do the files real root created, so its data-directory ownership check passes.
   */
  static List<String> command(Path executable, List<String> args) {
    List<String> command = new ArrayList<>();
    if (runningAsRoot()) {
      command.addAll(List.of("unshare", "--user"));
    }
    command.add(executable.toString());
    command.addAll(args);
    return command;
  }

  private static boolean runningAsRoot() {
    try {
      // "Uid:" real, effective, saved, filesystem
      return Files.readAllLines(Path.of("/proc/self/status")).stream()
          .filter(line -> line.startsWith("Uid:"))
          .anyMatch(line -> line.split("\\s+")[2].equals("0"));
    } catch (IOException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }

  /**
   * A JVM killed with SIGKILL leaves its server running on the data directory and holding the port;
   * stop it so that this start owns the directory again.
   */
  static void stopLeftoverServer(Path pgData) {
    Path pidFile = pgData.resolve("postmaster.pid");
    Optional<Long> pid = readPid(pidFile);
    if (pid.isEmpty()) {
      return;
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid.get()).filter(ProcessHandle::isAlive);
    if (process.isEmpty()) {
      log.info("Found stale {} of dead pid {}; PostgreSQL will replace it", pidFile, pid.get());
    } else if (isPostgresOn(process.get(), pgData)) {
      log.warn(
          "Stopping PostgreSQL pid {} left running on {} by an earlier run", pid.get(), pgData);
      stop(process.get());
    } else if (process.get().info().command().isPresent()) {
      // The pid was reused by an unrelated process; PostgreSQL would take it for a live server.
      log.info("Removing stale {}: pid {} is now another program", pidFile, pid.get());
      deleteIfExists(pidFile);
    } else {
      throw new IllegalStateException(
          "Cannot tell whether pid " + pid.get() + " in " + pidFile + " is a PostgreSQL server");
    }
  }

  private static Optional<Long> readPid(Path pidFile) {
    try {
      List<String> lines = Files.readAllLines(pidFile);
      return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | NumberFormatException e) {
      throw new IllegalStateException("Unreadable " + pidFile + ": remove it if no server runs", e);
    }
  }

  private static boolean isPostgresOn(ProcessHandle process, Path pgData) {
    ProcessHandle.Info info = process.info();
    boolean postgres = info.command().map(c -> c.endsWith("/postgres")).orElse(false);
    boolean onPgData =
        info.arguments().map(a -> List.of(a).contains(pgData.toString())).orElse(false);
    return postgres && onPgData;
  }

  private static void stop(ProcessHandle process) {
    stop(process, FAST_SHUTDOWN);
  }

  static void stop(ProcessHandle process, String signal) {
    if (!process.isAlive()) {
      return; // its pid may belong to another process by now
    }
    try {
      new ProcessBuilder("kill", signal, Long.toString(process.pid())).start().waitFor();
      try {
        process.onExit().get(SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        log.warn("PostgreSQL pid {} ignored kill {}; killing it", process.pid(), signal);
        process.destroyForcibly();
        process.onExit().get(SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (IOException | ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Cannot stop PostgreSQL pid " + process.pid(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while stopping PostgreSQL", e);
    }
  }

  private static void deleteIfExists(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
