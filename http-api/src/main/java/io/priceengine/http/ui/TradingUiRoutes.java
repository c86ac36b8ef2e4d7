package io.priceengine.http.ui;

import static akka.http.javadsl.server.PathMatchers.segment;

import akka.http.javadsl.model.HttpEntities;
import akka.http.javadsl.model.HttpHeader;
import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.model.headers.CacheControl;
import akka.http.javadsl.model.headers.CacheDirectives;
import akka.http.javadsl.model.headers.RawHeader;
import akka.http.javadsl.server.AllDirectives;
import akka.http.javadsl.server.Route;
import io.priceengine.http.ui.UiAssets.Asset;
import java.util.List;

/**
 * GET / (the trading page) and GET /ui/{file} (its scripts, styles and icon). The files are public:
 * the page asks for a read token itself when the API needs one. Anything else under /ui/ falls
 * through to the API's 404 error body.
 *
 * <p>Caching: there is no build step that fingerprints file names, so a long max-age would keep old
 * scripts after an upgrade; instead every file is {@code no-cache} with a strong ETag, and a
 * revalidation costs a 304 without a body.
 */
public final class TradingUiRoutes extends AllDirectives {
  // Only this origin's scripts, styles and connections (WebSocket included: CSP 3 'self' covers
  // ws/wss of the same host); no framing. The page URL may carry ?token=, so no Referer either.
  private static final String PAGE_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          + "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  private static final List<HttpHeader> FILE_HEADERS =
      List.of(
          CacheControl.create(CacheDirectives.NO_CACHE),
          RawHeader.create("X-Content-Type-Options", "nosniff"));

  private static final List<HttpHeader> PAGE_HEADERS =
      List.of(
          CacheControl.create(CacheDirectives.NO_CACHE),
          RawHeader.create("X-Content-Type-Options", "nosniff"),
          RawHeader.create("Content-Security-Policy", PAGE_POLICY),
          RawHeader.create("Referrer-Policy", "no-referrer"));

  private final UiAssets assets;

  public TradingUiRoutes(UiAssets assets) {
    this.assets = assets;
  }

  public Route route() {
    // Paths outermost, methods inside: a POST to an unknown path must stay a 404, not become a
    // 405 because this route only answers GET.
    return concat(
        pathSingleSlash(() -> get(() -> serve(assets.page(), PAGE_HEADERS))),
        pathPrefix(
            "ui",
            () ->
                path(
                    segment(),
                    name ->
                        assets
                            .file(name)
                            .map(file -> get(() -> serve(file, FILE_HEADERS)))
                            .orElseGet(this::reject))));
  }

  private Route serve(Asset asset, List<HttpHeader> headers) {
    return respondWithHeaders(
        headers,
        () ->
            conditional(
                asset.etag(),
                () ->
                    complete(
                        HttpResponse.create()
                            .withEntity(HttpEntities.create(asset.contentType(), asset.bytes())))));
  }
}
