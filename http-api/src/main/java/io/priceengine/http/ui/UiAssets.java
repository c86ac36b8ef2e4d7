package io.priceengine.http.ui;

import akka.http.javadsl.model.ContentType;
import akka.http.javadsl.model.ContentTypes;
import akka.http.javadsl.model.HttpCharsets;
import akka.http.javadsl.model.MediaTypes;
import akka.http.javadsl.model.headers.EntityTag;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The trading page's static files, read from the classpath ({@code web/}) once at start-up, so a
 * request never touches the jar and only the files named here can ever be served (no path from a
 * URL reaches the class loader). Each file carries a strong ETag of its content for revalidation.
 */
public final class UiAssets {
  /** One served file. */
  public record Asset(String name, ContentType contentType, byte[] bytes, EntityTag etag) {}

  static final String PAGE = "index.html";

  /** The files under {@code web/ui/}; {@code UiAssetsTest} checks this is the whole folder. */
  static final List<String> FILES =
      List.of(
          "app.css",
          "icon.svg",
          "main.js",
          "quote-stream.js",
          "watchlist.js",
          "watchlist-table.js",
          "sparkline.js",
          "candle-chart.js",
          "market-api.js",
          "format.js");

  // RFC 9239 names text/javascript the one JavaScript media type; Akka knows only the old one.
  private static final ContentType JAVASCRIPT =
      ContentTypes.parse("text/javascript; charset=UTF-8");

  private final Asset page;
  private final Map<String, Asset> files;

  private UiAssets(Asset page, Map<String, Asset> files) {
    this.page = page;
    this.files = files;
  }

  /** Reads every file; a missing one fails the start-up, not a later request. */
  public static UiAssets load() {
    Map<String, Asset> files =
        FILES.stream()
            .map(name -> read(name, "web/ui/" + name))
            .collect(Collectors.toUnmodifiableMap(Asset::name, Function.identity()));
    return new UiAssets(read(PAGE, "web/" + PAGE), files);
  }

  public Asset page() {
    return page;
  }

  public Optional<Asset> file(String name) {
    return Optional.ofNullable(files.get(name));
  }

  private static Asset read(String name, String resource) {
    try (InputStream in = UiAssets.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("trading UI file missing from the classpath: " + resource);
      }
      byte[] bytes = in.readAllBytes();
      return new Asset(name, contentType(name), bytes, EntityTag.create(digest(bytes), false));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ContentType contentType(String name) {
    String extension = name.substring(name.lastIndexOf('.') + 1);
    return switch (extension) {
      case "html" -> ContentTypes.TEXT_HTML_UTF8;
      case "css" -> MediaTypes.TEXT_CSS.toContentType(HttpCharsets.UTF_8);
      case "js" -> JAVASCRIPT;
      case "svg" -> MediaTypes.IMAGE_SVG_XML.toContentType();
      default -> throw new IllegalStateException("no content type for " + name);
    };
  }

  private static String digest(byte[] bytes) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, 12));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
