package io.rwaprime.api;

import io.rwaprime.common.http.ServiceException;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/** Query and path parameter parsing with RFC 9457 errors that name the parameter. */
final class Params {

  private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9][A-Z0-9._-]{0,31}");

  private Params() {}

  static String symbol(RoutingContext ctx) {
    String symbol = ctx.pathParam("symbol");
    if (symbol == null || !SYMBOL.matcher(symbol).matches()) {
      throw ServiceException.badRequest("invalid-symbol",
          "a symbol is 1–32 upper-case letters, digits, '.', '_' or '-'");
    }
    return symbol;
  }

  static int intParam(RoutingContext ctx, String name, int dflt, int min, int max) {
    String raw = ctx.request().getParam(name);
    if (raw == null || raw.isBlank()) {
      return dflt;
    }
    int v;
    try {
      v = Integer.parseInt(raw.trim());
    } catch (NumberFormatException e) {
      throw ServiceException.badRequest("invalid-parameter", name + " must be a whole number between " + min + " and " + max);
    }
    if (v < min || v > max) {
      throw ServiceException.badRequest("invalid-parameter", name + " must be between " + min + " and " + max + ", got " + v);
    }
    return v;
  }

  static Optional<Instant> instant(RoutingContext ctx, String name) {
    String raw = ctx.request().getParam(name);
    if (raw == null || raw.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(raw.trim()));
    } catch (DateTimeParseException e) {
      throw ServiceException.badRequest("invalid-parameter", name + " must be an ISO-8601 instant such as 2026-01-31T00:00:00Z");
    }
  }

  static Optional<Long> longParam(RoutingContext ctx, String name) {
    String raw = ctx.request().getParam(name);
    if (raw == null || raw.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(raw.trim()));
    } catch (NumberFormatException e) {
      throw ServiceException.badRequest("invalid-parameter", name + " must be a whole number");
    }
  }
}
