package io.rwaprime.ingestion.source;

/**
 * Why a poll yielded nothing. Carries the HTTP status (0 when there was no answer) and the wait the server asked
 * for with {@code Retry-After} (-1 when none). No stack trace: it is an expected outcome, logged as one line.
 */
final class PollFailure extends RuntimeException {

  final int status;
  final long retryAfterMs;
  /** Up to {@link HttpFetch#ERROR_BODY_LIMIT} bytes of an error answer's body, for diagnostics; never logged whole. */
  final String errorBody;

  PollFailure(String message) {
    this(message, 0, -1, "");
  }

  PollFailure(String message, int status, long retryAfterMs, String errorBody) {
    super(message, null, false, false);
    this.status = status;
    this.retryAfterMs = retryAfterMs;
    this.errorBody = errorBody;
  }

  /** 429 Too Many Requests or 503 Service Unavailable: the server asks us to slow down. */
  boolean throttled() {
    return status == 429 || status == 503;
  }

  /**
   * {@link #reason} with every URL query cut off: Vert.x's timeout messages quote the request URI, whose query
   * may carry an API key.
   */
  static String redacted(Throwable t) {
    return reason(t).replaceAll("\\?\\S*", "?…");
  }

  /** A one-line reason for a log line or {@link SourceStats#lastError()}. */
  static String reason(Throwable t) {
    String m = t.getMessage();
    return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
  }
}
