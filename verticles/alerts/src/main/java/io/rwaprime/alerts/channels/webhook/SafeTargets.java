package io.rwaprime.alerts.channels.webhook;

import io.rwaprime.alerts.channels.HttpExchange;
import io.rwaprime.alerts.channels.PermanentFailure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether a webhook URL may be called, against server-side request forgery: use {@link #check} when a webhook
 * is saved and {@link #vet} at every delivery, then connect to the {@link Vetted#address vetted address} (a DNS answer
 * that changes between the check and the connect — a rebinding — then changes nothing).
 * <p>
 * A URL is refused (with a {@link PermanentFailure} naming the reason) when:
 * <ul>
 *   <li>it is not absolute {@code https} ({@code http} only with {@code allowHttp}, meant for tests and local
 *   development), has user info ({@code user:pass@}), no host, port 0, or an IPv6 zone id;</li>
 *   <li>unless {@code allowPrivate}: its host is a local name ({@code localhost} and {@code *.localhost},
 *   {@code *.local}, {@code *.internal} — {@code metadata.google.internal} among them —, {@code *.localdomain},
 *   {@code metadata}, {@code instance-data}), or ANY address it resolves to is not public: loopback, private,
 *   link-local (the metadata address 169.254.169.254 among them), unspecified, multicast, CGNAT, reserved, or an
 *   IPv6 form of one of those (see {@link ForbiddenAddresses}).</li>
 * </ul>
 * A host that does not resolve fails with a plain (retryable) exception: DNS may be down for a while.
 */
public final class SafeTargets {

  /** Resolves a host name to all its addresses, without blocking the event loop. */
  @FunctionalInterface
  public interface Resolver {

    Future<List<InetAddress>> resolve(String host);
  }

  /**
   * A URL that passed: connect to {@code address}, and send {@code host} as the Host header and TLS server name.
   *
   * @param ssl     https
   * @param host    the URL's host (lower case, without a trailing dot or IPv6 brackets)
   * @param port    the URL's port, or the scheme's
   * @param uri     the path and query
   * @param address the vetted address to connect to
   */
  public record Vetted(boolean ssl, String host, int port, String uri, InetAddress address) {

    /** The {@link HttpExchange} target, pinned to {@link #address}. */
    public HttpExchange.Target target() {
      return new HttpExchange.Target(ssl, host, port, uri, address);
    }
  }

  private static final Set<String> LOCAL_NAMES = Set.of("localhost", "metadata", "instance-data");
  private static final List<String> LOCAL_SUFFIXES = List.of(".localhost", ".local", ".internal", ".localdomain");

  private final Resolver resolver;
  private final boolean allowHttp;
  private final boolean allowPrivate;

  /** Resolves with the JVM's resolver ({@code InetAddress.getAllByName}) on a worker thread. */
  public SafeTargets(Vertx vertx, boolean allowHttp, boolean allowPrivate) {
    this(host -> vertx.executeBlocking(() -> List.of(InetAddress.getAllByName(host)), false), allowHttp, allowPrivate);
  }

  /** Resolves with {@code resolver} (a Vert.x DNS client, or a fixed table in tests). */
  public SafeTargets(Resolver resolver, boolean allowHttp, boolean allowPrivate) {
    this.resolver = resolver;
    this.allowHttp = allowHttp;
    this.allowPrivate = allowPrivate;
  }

  /** Succeeds when {@code url} may be used as a webhook now; for the API, when a webhook is saved. */
  public Future<Void> check(String url) {
    return vet(url).mapEmpty();
  }

  /** Parses and checks {@code url}, resolves its host once, and checks every address. */
  public Future<Vetted> vet(String url) {
    Vetted parsed;
    try {
      parsed = parse(url);
    } catch (PermanentFailure refused) {
      return Future.failedFuture(refused);
    }
    return resolver.resolve(parsed.host())
        .recover(err -> Future.failedFuture(new RuntimeException("cannot resolve " + parsed.host() + ": " + err, err)))
        .compose(addresses -> pick(parsed, addresses));
  }

  private Vetted parse(String url) {
    if (url == null || url.isBlank()) {
      throw refused("no URL");
    }
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw refused("not a URL (" + e.getReason() + ")");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !(scheme.equals("http") && allowHttp)) {
      throw refused("the scheme '" + scheme + "' is not allowed (" + (allowHttp ? "http or https" : "https") + " only)");
    }
    if (uri.getRawUserInfo() != null || uri.getRawAuthority() != null && uri.getRawAuthority().contains("@")) {
      throw refused("user info (user:password@) is not allowed in the URL");
    }
    if (uri.getHost() == null) {
      throw refused("no host, or an invalid host name");
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    if (host.startsWith("[")) {
      host = host.substring(1, host.length() - 1);
    }
    if (host.contains("%")) {
      throw refused("IPv6 zone ids are not allowed");
    }
    host = host.replaceAll("\\.+$", "");
    if (host.isEmpty()) {
      throw refused("no host");
    }
    if (uri.getPort() == 0) {
      throw refused("port 0");
    }
    if (!allowPrivate && localName(host)) {
      throw refused("the host '" + host + "' is a local name");
    }
    boolean ssl = scheme.equals("https");
    int port = uri.getPort() > 0 ? uri.getPort() : ssl ? 443 : 80;
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    return new Vetted(ssl, host, port, target, null);
  }

  private static boolean localName(String host) {
    return LOCAL_NAMES.contains(host) || LOCAL_SUFFIXES.stream().anyMatch(host::endsWith);
  }

  private Future<Vetted> pick(Vetted parsed, List<InetAddress> addresses) {
    if (addresses == null || addresses.isEmpty()) {
      return Future.failedFuture(new RuntimeException("cannot resolve " + parsed.host() + ": no address"));
    }
    if (!allowPrivate) {
      for (InetAddress a : addresses) {
        String why = ForbiddenAddresses.why(a);
        if (why != null) {
          String ip = a.getHostAddress();
          return Future.failedFuture(refused(ip.equals(parsed.host())
              ? ip + " is a " + why + " address"
              : parsed.host() + " resolves to " + ip + ", a " + why + " address"));
        }
      }
    }
    return Future.succeededFuture(new Vetted(parsed.ssl(), parsed.host(), parsed.port(), parsed.uri(),
        addresses.getFirst()));
  }

  private static PermanentFailure refused(String why) {
    return new PermanentFailure("webhook URL refused: " + why);
  }
}
