package io.rwaprime.app;

import static io.rwaprime.app.Manifests.ROOT;
import static io.rwaprime.app.Manifests.containers;
import static io.rwaprime.app.Manifests.find;
import static io.rwaprime.app.Manifests.kind;
import static io.rwaprime.app.Manifests.list;
import static io.rwaprime.app.Manifests.map;
import static io.rwaprime.app.Manifests.maps;
import static io.rwaprime.app.Manifests.name;
import static io.rwaprime.app.Manifests.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import io.rwaprime.alerts.channels.push.ApnsSettings;
import io.rwaprime.alerts.channels.push.FcmSettings;
import io.rwaprime.alerts.channels.push.WebPushSettings;
import io.rwaprime.alerts.channels.telegram.TelegramSettings;
import io.rwaprime.ingestion.source.FredConfig;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The egress lockdown ({@code istio/egress}, in prod and the overlays built on it): every role's sidecar is
 * REGISTRY_ONLY, and every outside provider's ServiceEntry host is imported by exactly the roles that call that
 * provider — no host that nobody uses, no role that reaches a provider it does not call, no caller left without its
 * provider. Which role calls which provider is {@link #PROVIDERS}, tied to the code by the configuration key the
 * role reads and by the default hosts the code itself names.
 */
class EgressPolicyTest {

  private static final String APP_NS = "rwa-prime";
  private static final String EGRESS_NS = "rwa-prime-egress";
  /** Sidecar imports that every role may have besides its providers. */
  private static final Set<String> COMMON_IMPORTS = Set.of("./*", "istio-system/*", "rwa-prime-data/*");

  /**
   * An outside provider: the roles whose code calls it, the configuration key that points them at it, and the hosts
   * the code calls when that key is left empty (a ServiceEntry must name each, or {@code *.<it>} where the code
   * accepts its subdomains, as for Web Push services).
   */
  record Provider(Set<String> roles, String configKey, Set<String> defaultHosts) {}

  /** ServiceEntry name → provider. Mail goes through {@code common.mail.Mailer}, built by the api and alerts roles. */
  static final Map<String, Provider> PROVIDERS = Map.of(
      "smtp", new Provider(Set.of("api", "alerts"), "api.mail.host", Set.of()),
      "telegram", new Provider(Set.of("alerts"), "alerts.telegram.base-url", Set.of(host(TelegramSettings.DEFAULT_BASE_URL))),
      "fcm", new Provider(Set.of("alerts"), "alerts.fcm.base-url",
          Set.of(host(FcmSettings.DEFAULT_BASE_URL), host(FcmSettings.DEFAULT_TOKEN_URI))),
      "apns", new Provider(Set.of("alerts"), "alerts.apns.host", Set.of(ApnsSettings.PRODUCTION_HOST)),
      "web-push", new Provider(Set.of("alerts"), "alerts.webpush.push-service-hosts",
          WebPushSettings.DEFAULT_PUSH_SERVICES.stream().filter(h -> !h.equals(host(FcmSettings.DEFAULT_BASE_URL)))
              .collect(Collectors.toSet())),
      "json-rpc", new Provider(Set.of("onchain"), "onchain.chains", Set.of()),
      "fred", new Provider(Set.of("ingestion"), "ingestion.sources", Set.of(host(FredConfig.DEFAULT_BASE_URL))));

  @TestFactory
  Stream<DynamicTest> everyLockedDownOverlayImportsEachProviderOnlyForItsCallers() {
    List<Path> locked = Manifests.overlays().stream().filter(o -> !ofKind(Manifests.render(o), "Sidecar").isEmpty()).toList();
    assertThat(locked).extracting(p -> p.getFileName().toString()).contains("prod", "strimzi", "cloudnative-pg");
    return locked.stream().map(o -> DynamicTest.dynamicTest(o.getFileName().toString(), () ->
        assertThat(egressViolations(Manifests.render(o))).as("egress violations in overlay " + o.getFileName()).isEmpty()));
  }

  @Test
  void providersNameRealConfigurationKeys() {
    @SuppressWarnings("unchecked")
    Map<String, Object> defaults = (Map<String, Object>) Manifests.loadAll(ROOT.resolve("config/application.yaml")).get(0);
    PROVIDERS.forEach((entry, p) -> {
      Object node = defaults;
      for (String part : p.configKey().split("\\.")) {
        assertThat(node).as(entry + ": " + p.configKey() + " in config/application.yaml").isInstanceOf(Map.class);
        node = ((Map<?, ?>) node).get(part);
      }
      assertThat(node).as(entry + ": " + p.configKey() + " in config/application.yaml").isNotNull();
    });
  }

  /** The checks must bite: break one rule at a time on a rendered copy of prod. */
  @Test
  void egressViolationsAreDetected() {
    List<Map<String, Object>> extraCaller = Manifests.overlay("prod");
    hostsOf(find(extraCaller, "Sidecar", "rwa-prime-api")).add(EGRESS_NS + "/api.telegram.org");
    assertThat(egressViolations(extraCaller)).anyMatch(v -> v.contains("api") && v.contains("api.telegram.org") && v.contains("does not call"));

    List<Map<String, Object>> unused = Manifests.overlay("prod");
    Manifests.<Object>list(map(find(unused, "ServiceEntry", "fred"), "spec"), "hosts").add("api.example-unused.org");
    assertThat(egressViolations(unused)).anyMatch(v -> v.contains("api.example-unused.org") && v.contains("no role imports"));

    List<Map<String, Object>> missingCaller = Manifests.overlay("prod");
    hostsOf(find(missingCaller, "Sidecar", "rwa-prime-alerts")).remove(EGRESS_NS + "/api.push.apple.com");
    assertThat(egressViolations(missingCaller)).anyMatch(v -> v.contains("alerts") && v.contains("api.push.apple.com"));

    List<Map<String, Object>> open = Manifests.overlay("prod");
    map(map(find(open, "Sidecar", "rwa-prime-onchain"), "spec"), "outboundTrafficPolicy").put("mode", "ALLOW_ANY");
    assertThat(egressViolations(open)).anyMatch(v -> v.contains("rwa-prime-onchain") && v.contains("REGISTRY_ONLY"));

    List<Map<String, Object>> everything = Manifests.overlay("prod");
    hostsOf(find(everything, "Sidecar", "rwa-prime-risk")).add("*/*");
    assertThat(egressViolations(everything)).anyMatch(v -> v.contains("rwa-prime-risk") && v.contains("*/*"));

    List<Map<String, Object>> noSidecar = Manifests.overlay("prod");
    noSidecar.remove(find(noSidecar, "Sidecar", "rwa-prime-bridge"));
    assertThat(egressViolations(noSidecar)).anyMatch(v -> v.contains("rwa-prime-bridge") && v.contains("Sidecar"));

    List<Map<String, Object>> exported = Manifests.overlay("prod");
    map(find(exported, "ServiceEntry", "smtp"), "spec").put("exportTo", List.of("*"));
    assertThat(egressViolations(exported)).anyMatch(v -> v.contains("smtp") && v.contains("exportTo"));

    List<Map<String, Object>> stranger = Manifests.overlay("prod");
    Map<String, Object> se = Manifests.deepCopy(find(stranger, "ServiceEntry", "fred"));
    map(se, "metadata").put("name", "pastebin");
    stranger.add(se);
    assertThat(egressViolations(stranger)).anyMatch(v -> v.contains("pastebin") && v.contains("no known caller"));

    List<Map<String, Object>> defaultHost = Manifests.overlay("prod");
    map(find(defaultHost, "ServiceEntry", "telegram"), "spec").put("hosts", List.of("telegram.example.org"));
    assertThat(egressViolations(defaultHost)).anyMatch(v -> v.contains("telegram") && v.contains("api.telegram.org"));
  }

  static List<String> egressViolations(List<Map<String, Object>> objects) {
    List<String> v = new ArrayList<>();
    Map<String, String> roleOfDeployment = new java.util.TreeMap<>();
    for (Map<String, Object> d : ofKind(objects, "Deployment")) {
      list(containers(d).get(0), "args").stream().map(String::valueOf).filter(a -> a.startsWith("--roles="))
          .findFirst().ifPresent(a -> roleOfDeployment.put(name(d), a.substring("--roles=".length())));
    }
    List<Map<String, Object>> sidecars = ofKind(objects, "Sidecar");

    // --- a REGISTRY_ONLY Sidecar for the namespace and for every role, importing nothing beyond what it may
    boolean namespaceDefault = sidecars.stream().anyMatch(s -> APP_NS.equals(map(s, "metadata").get("namespace"))
        && map(s, "spec").get("workloadSelector") == null);
    if (!namespaceDefault) {
      v.add("no namespace-wide Sidecar (no workloadSelector) in " + APP_NS);
    }
    for (Map<String, Object> s : sidecars) {
      Object mode = map(map(s, "spec"), "outboundTrafficPolicy").get("mode");
      if (!"REGISTRY_ONLY".equals(mode)) {
        v.add("Sidecar " + name(s) + ": outboundTrafficPolicy.mode must be REGISTRY_ONLY, is " + mode);
      }
    }
    Map<String, Set<String>> importsOfRole = new java.util.TreeMap<>();
    roleOfDeployment.forEach((deployment, role) -> {
      Map<String, Object> podLabels = map(map(map(map(find(objects, "Deployment", deployment), "spec"), "template"), "metadata"), "labels");
      List<Map<String, Object>> mine = sidecars.stream().filter(s -> {
        Map<String, Object> sel = map(map(map(s, "spec"), "workloadSelector"), "labels");
        return !sel.isEmpty() && podLabels.entrySet().containsAll(sel.entrySet());
      }).toList();
      if (mine.size() != 1) {
        v.add(deployment + ": expected exactly one Sidecar selecting its pods, found " + mine.stream().map(Manifests::name).toList());
        return;
      }
      importsOfRole.put(role, imports(mine.get(0)));
    });

    // --- the providers: known, exported only to the app namespace, covering the code's default hosts
    Map<String, String> providerOfHost = new java.util.TreeMap<>();
    for (Map<String, Object> se : ofKind(objects, "ServiceEntry")) {
      Map<String, Object> spec = map(se, "spec");
      List<String> hosts = Manifests.<Object>list(spec, "hosts").stream().map(String::valueOf).toList();
      Provider p = PROVIDERS.get(name(se));
      if (p == null) {
        v.add("ServiceEntry " + name(se) + " " + hosts + ": no known caller (add it to EgressPolicyTest.PROVIDERS with the roles whose code calls it)");
        continue;
      }
      if (!EGRESS_NS.equals(map(se, "metadata").get("namespace"))) {
        v.add("ServiceEntry " + name(se) + ": must live in " + EGRESS_NS + " (in " + APP_NS + " every role's ./* would import it)");
      }
      if (!List.of(APP_NS).equals(list(spec, "exportTo"))) {
        v.add("ServiceEntry " + name(se) + ": exportTo must be [" + APP_NS + "], is " + spec.get("exportTo"));
      }
      if (!"MESH_EXTERNAL".equals(spec.get("location"))) {
        v.add("ServiceEntry " + name(se) + ": location must be MESH_EXTERNAL");
      }
      for (String d : p.defaultHosts()) {
        if (hosts.stream().noneMatch(h -> h.equals(d) || h.equals("*." + d) || (h.startsWith("*.") && d.endsWith(h.substring(1))))) {
          v.add("ServiceEntry " + name(se) + ": misses " + d + ", which the code calls by default (" + p.configKey() + ")");
        }
      }
      hosts.forEach(h -> providerOfHost.put(h, name(se)));
    }

    // --- each provider host: imported by exactly its callers
    providerOfHost.forEach((host, entry) -> {
      String ref = EGRESS_NS + "/" + host;
      Set<String> importers = importsOfRole.entrySet().stream().filter(e -> e.getValue().contains(ref))
          .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
      Set<String> callers = PROVIDERS.get(entry).roles();
      if (importers.isEmpty()) {
        v.add("ServiceEntry " + entry + ": host " + host + " is used by no role (no role imports it)");
      }
      for (String r : importers) {
        if (!callers.contains(r)) {
          v.add("role " + r + " imports " + host + " (" + entry + "), a provider its code does not call");
        }
      }
      for (String r : callers) {
        if (importsOfRole.containsKey(r) && !importers.contains(r)) {
          v.add("role " + r + " calls " + entry + " but its Sidecar does not import " + host + " (REGISTRY_ONLY refuses it)");
        }
      }
    });
    importsOfRole.forEach((role, hosts) -> hosts.stream()
        .filter(h -> !COMMON_IMPORTS.contains(h) && !(h.startsWith(EGRESS_NS + "/") && providerOfHost.containsKey(h.substring(EGRESS_NS.length() + 1))))
        .forEach(h -> v.add("Sidecar rwa-prime-" + role + ": imports " + h + ", which is neither its namespace, the control plane,"
            + " the data namespace nor a provider's ServiceEntry")));

    // --- nothing opens egress again
    for (Map<String, Object> o : objects) {
      if (Objects.toString(o).contains("ALLOW_ANY") && !"Sidecar".equals(kind(o))) {
        v.add(kind(o) + " " + name(o) + ": ALLOW_ANY re-opens egress");
      }
    }
    return v;
  }

  /** Every host a Sidecar imports, over all its egress listeners. */
  private static Set<String> imports(Map<String, Object> sidecar) {
    Set<String> all = new TreeSet<>();
    for (Map<String, Object> e : maps(map(sidecar, "spec"), "egress")) {
      all.addAll(Manifests.list(e, "hosts"));
    }
    return all;
  }

  /** The live hosts list of a Sidecar's first egress listener, for the tests to edit. */
  private static List<String> hostsOf(Map<String, Object> sidecar) {
    return Manifests.list(maps(map(sidecar, "spec"), "egress").get(0), "hosts");
  }

  private static String host(String url) {
    return URI.create(url).getHost();
  }
}
