package io.priceengine.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * HTTP over a plain socket, for requests no HTTP client will send: bad methods and versions,
 * malformed request lines, bodies that arrive slowly. The answer is read until the server closes
 * the connection or the response is complete.
 */
public final class RawHttp {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** A raw response: status (0 when the server closed without answering), body, JSON body. */
  public record Answer(int status, String head, String body) {
    public String errorCode() {
      try {
        JsonNode json = MAPPER.readTree(body);
        return json == null ? null : json.path("error").path("code").asText(null);
      } catch (IOException e) {
        return null;
      }
    }
  }

  private RawHttp() {}

  public static Answer exchange(int port, byte[] request, Duration timeout) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout((int) timeout.toMillis());
      try {
        OutputStream out = socket.getOutputStream();
        out.write(request);
        out.flush();
      } catch (IOException e) {
        // the server answered and closed before taking the whole request (e.g. 413): read it
      }
      return read(socket.getInputStream());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Answer exchange(int port, String request, Duration timeout) {
    return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1), timeout);
  }

  /** Reads one response: the head, then Content-Length bytes or until the connection closes. */
  public static Answer read(InputStream in) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    int headEnd = -1;
    int contentLength = -1;
    byte[] chunk = new byte[8192];
    try {
      while (true) {
        if (headEnd >= 0 && contentLength >= 0 && buffer.size() >= headEnd + contentLength) {
          break;
        }
        int n = in.read(chunk);
        if (n < 0) {
          break;
        }
        buffer.write(chunk, 0, n);
        if (headEnd < 0) {
          String text = buffer.toString(StandardCharsets.ISO_8859_1);
          int end = text.indexOf("\r\n\r\n");
          if (end >= 0) {
            headEnd = end + 4;
            contentLength = contentLength(text.substring(0, end));
          }
        }
      }
    } catch (SocketTimeoutException e) {
      if (buffer.size() == 0) {
        throw e;
      }
    } catch (java.net.SocketException e) {
      // reset by the server after its answer (or instead of one)
    }
    String text = buffer.toString(StandardCharsets.UTF_8);
    if (headEnd < 0) {
      return new Answer(0, text, "");
    }
    String head = text.substring(0, text.indexOf("\r\n\r\n"));
    String body = text.substring(text.indexOf("\r\n\r\n") + 4);
    return new Answer(Integer.parseInt(head.split(" ", 3)[1]), head, body);
  }

  private static int contentLength(String head) {
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase().startsWith("content-length:")) {
        return Integer.parseInt(line.substring("content-length:".length()).trim());
      }
    }
    return -1;
  }
}
