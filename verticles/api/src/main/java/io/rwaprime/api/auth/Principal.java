package io.rwaprime.api.auth;

import io.vertx.ext.web.RoutingContext;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Who is calling, as established by {@link AuthHandler}: a user by access token (every scope), a user's
 * enterprise API key (the key's scopes only), or nobody. Handlers read it with {@link #of(RoutingContext)} and
 * must scope every query of user data by {@link #userId()} — never by an id taken from the request.
 */
public record Principal(UUID userId, Tier tier, boolean admin, Set<String> scopes, Via via, String tokenId) {

  /** How the caller authenticated. */
  public enum Via { ACCESS_TOKEN, API_KEY, ADMIN_TOKEN }

  /** Every scope an API key can carry; an access token carries them all. */
  public static final Set<String> ALL_SCOPES = Set.of("market_data", "portfolio", "alerts");

  static final String KEY = "rwa.principal";

  public Principal {
    scopes = Set.copyOf(scopes);
  }

  /** The operator holding the break-glass {@code api.admin-token}: admin endpoints only. */
  static Principal breakGlass() {
    return new Principal(new UUID(0, 0), Tier.ADMIN, true, Set.of(), Via.ADMIN_TOKEN, "admin-token");
  }

  public static Optional<Principal> of(RoutingContext ctx) {
    return Optional.ofNullable(ctx.get(KEY));
  }

  public boolean hasScope(String scope) {
    return scopes.contains(scope);
  }
}
