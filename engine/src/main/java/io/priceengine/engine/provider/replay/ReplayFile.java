package io.priceengine.engine.provider.replay;

import akka.NotUsed;
import akka.stream.javadsl.Source;
import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * The lines of a replay file: a path or a {@code classpath:} resource, gunzipped when its name ends
 * in {@code .gz}. Read with blocking I/O on Akka's blocking-I/O dispatcher (what {@code
 * unfoldResource} runs on), in chunks of lines: every element crossing from that dispatcher to the
 * stream is a message between threads, and one per line cost more CPU than parsing the line.
 */
final class ReplayFile {
  static final String CLASSPATH = "classpath:";
  private static final int READ_BUFFER = 64 * 1024;
  private static final int LINES_PER_CHUNK = 1024;

  private ReplayFile() {}

  static Source<String, NotUsed> lines(String file) {
    return Source.unfoldResource(() -> open(file), ReplayFile::nextChunk, BufferedReader::close)
        .mapConcat(chunk -> chunk);
  }

  private static Optional<List<String>> nextChunk(BufferedReader reader) throws IOException {
    List<String> chunk = new ArrayList<>(LINES_PER_CHUNK);
    String line;
    while (chunk.size() < LINES_PER_CHUNK && (line = reader.readLine()) != null) {
      chunk.add(line);
    }
    return chunk.isEmpty() ? Optional.empty() : Optional.of(chunk);
  }

  private static BufferedReader open(String file) throws IOException {
    InputStream in;
    if (file.startsWith(CLASSPATH)) {
      String resource = file.substring(CLASSPATH.length());
      in = ReplayFile.class.getClassLoader().getResourceAsStream(resource);
      if (in == null) {
        throw new FileNotFoundException("replay resource not found: " + resource);
      }
    } else {
      in = Files.newInputStream(Path.of(file));
    }
    try {
      if (file.endsWith(".gz")) {
        in = new GZIPInputStream(in, READ_BUFFER);
      }
      return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), READ_BUFFER);
    } catch (IOException e) {
      in.close();
      throw e;
    }
  }
}
