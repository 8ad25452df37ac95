package io.rwaprime.events.codec;

import io.rwaprime.events.NewsItem;
import io.vertx.core.buffer.Buffer;

import java.util.List;

/**
 * Binary codec of {@link NewsItem} ({@value #NAME}), the default codec of {@code NewsItem} once
 * {@link io.rwaprime.events.Codecs#registerAll} ran. Frame: version byte, then id, source, title, url,
 * published-at, symbols, sentiment.
 */
public final class NewsItemCodec extends RecordCodec<NewsItem> {

  /** Stable codec name. */
  public static final String NAME = "rwa.news-item";

  /** A codec instance; it holds no state, so one per event bus is plenty. */
  public NewsItemCodec() {
    super(NAME, NewsItem.class);
  }

  @Override
  protected void write(Buffer buffer, NewsItem v) {
    Wire.writeString(buffer, v.id());
    Wire.writeString(buffer, v.source());
    Wire.writeString(buffer, v.title());
    Wire.writeString(buffer, v.url());
    Wire.writeInstant(buffer, v.publishedAt());
    Wire.writeStrings(buffer, v.symbols());
    buffer.appendDouble(v.sentiment());
  }

  @Override
  protected NewsItem read(Wire.Reader in) {
    return new NewsItem(in.readString(), in.readString(), in.readString(), in.readString(), in.readInstant(),
        List.of(in.readStrings()), in.readDouble());
  }
}
