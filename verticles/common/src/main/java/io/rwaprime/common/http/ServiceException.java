package io.rwaprime.common.http;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;

/**
 * The one error type of rwa-prime: an HTTP-style status, a stable machine-readable {@code code} (the last
 * segment of the problem type URI) and a detail that is safe to show to the caller. Event-bus handlers
 * answer with {@code msg.fail(status, code)}; the REST layer turns it into an RFC 9457 problem.
 */
public final class ServiceException extends RuntimeException {

  private final int status;
  private final String code;
  private final JsonObject extensions;

  public ServiceException(int status, String code, String detail) {
    this(status, code, detail, null, null);
  }

  public ServiceException(int status, String code, String detail, JsonObject extensions, Throwable cause) {
    super(detail, cause, false, false);
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("status must be a 4xx or 5xx code, got " + status);
    }
    this.status = status;
    this.code = code;
    this.extensions = extensions == null ? new JsonObject() : extensions.copy();
  }

  public static ServiceException badRequest(String code, String detail) {
    return new ServiceException(400, code, detail);
  }

  public static ServiceException notFound(String code, String detail) {
    return new ServiceException(404, code, detail);
  }

  /** A dependency (database, cache, broker, another role) did not answer: 503, detail names it only. */
  public static ServiceException unavailable(String dependency, Throwable cause) {
    return new ServiceException(503, "dependency-unavailable", dependency + " is unavailable", null, cause);
  }

  /** Rebuilds the error carried by an event-bus failure reply (status in the failure code). */
  public static ServiceException fromReply(ReplyException e) {
    int code = e.failureCode();
    if (code >= 400 && code <= 599) {
      return new ServiceException(code, e.getMessage() == null ? "error" : e.getMessage(),
          code >= 500 ? "the service failed to answer" : e.getMessage());
    }
    return new ServiceException(502, "upstream-failure", "a service of the mesh did not answer", null, e);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public JsonObject extensions() {
    return extensions.copy();
  }
}
