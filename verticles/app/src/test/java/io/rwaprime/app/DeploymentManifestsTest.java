package io.rwaprime.app;

import static io.rwaprime.app.Manifests.ROOT;
import static io.rwaprime.app.Manifests.containers;
import static io.rwaprime.app.Manifests.deepCopy;
import static io.rwaprime.app.Manifests.find;
import static io.rwaprime.app.Manifests.kind;
import static io.rwaprime.app.Manifests.list;
import static io.rwaprime.app.Manifests.map;
import static io.rwaprime.app.Manifests.maps;
import static io.rwaprime.app.Manifests.name;
import static io.rwaprime.app.Manifests.ofKind;
import static io.rwaprime.app.Manifests.render;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.rwaprime.common.config.ConfigLoader;
import io.vertx.core.Vertx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.Yaml;

/**
 * Validates {@code kubernetes/} and {@code istio/}: every overlay is rendered and checked against the rules of
 * the deployment (one Deployment per launcher role, probes, resources, securityContext, ServiceAccount, real
 * {@code RWA_*} configuration keys, no literal secrets, an ALLOW policy per role, STRICT mTLS only, the GPU
 * forecasting pool in prod). Overlays are rendered without kubectl by {@link Manifests#render}; where kubectl
 * exists, its kustomize must render the same objects.
 */
class DeploymentManifestsTest {

  /** Env names whose value is a secret: they must come from a secretKeyRef. */
  private static final Pattern SECRET_NAME = Pattern.compile(
      ".*(PASSWORD|TOKEN|SECRET|PUSH_KEYS|DATABASE_URL|DATABASE_USER|REDIS_URL|KAFKA_BOOTSTRAP_SERVERS).*");

  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @TestFactory
  Stream<DynamicTest> everyOverlayFollowsTheRules() {
    List<Path> overlays = Manifests.overlays();
    assertThat(overlays).extracting(p -> p.getFileName().toString()).contains("dev", "prod");
    return overlays.stream().map(o -> DynamicTest.dynamicTest(o.getFileName().toString(), () -> {
      List<Map<String, Object>> objects = render(o);
      assertThat(violations(objects)).as("rule violations in overlay " + o.getFileName()).isEmpty();
      assertThat(unknownConfig(objects)).as("RWA_* names in overlay " + o.getFileName()).isNull();
    }));
  }

  @Test
  void prodRunsForecastingOnTheGpuPool() {
    Map<String, Object> forecasting = find(render(ROOT.resolve("kubernetes/overlays/prod")), "Deployment", "rwa-prime-forecasting");
    Map<String, Object> pod = map(map(map(forecasting, "spec"), "template"), "spec");
    Map<String, Object> limits = map(map(containers(forecasting).get(0), "resources"), "limits");
    assertThat(limits).containsKey("nvidia.com/gpu");
    assertThat(Integer.parseInt(String.valueOf(limits.get("nvidia.com/gpu")))).isPositive();
    assertThat(map(pod, "nodeSelector")).isNotEmpty();
    assertThat(list(pod, "tolerations")).isNotEmpty();
  }

  /**
   * Where {@code kubectl} is installed, the real kustomize must render every overlay into the same objects as
   * {@link Manifests#render} (so the checks look at what a cluster would get). Skipped without kubectl: then the
   * built-in renderer alone feeds every check, which is why it refuses kustomization fields it does not know.
   */
  @TestFactory
  Stream<DynamicTest> realKustomizeRendersTheSame() throws Exception {
    Optional<Path> kubectl = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
        .map(d -> Path.of(d, "kubectl")).filter(Files::isExecutable).findFirst();
    Assumptions.assumeTrue(kubectl.isPresent(), "kubectl not on PATH");
    return Manifests.overlays().stream().map(dir -> dir.getFileName().toString()).map(o -> DynamicTest.dynamicTest(o, () -> {
      Process p = new ProcessBuilder(kubectl.get().toString(), "kustomize", ROOT.resolve("kubernetes/overlays/" + o).toString())
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as("kubectl kustomize " + o + ":\n" + out).isZero();
      List<Object> real = new ArrayList<>();
      new Yaml().loadAll(out).forEach(real::add);
      Map<String, Object> byKey = new TreeMap<>();
      for (Object r : real) {
        @SuppressWarnings("unchecked") Map<String, Object> m = (Map<String, Object>) r;
        byKey.put(kind(m) + "/" + map(m, "metadata").get("namespace") + "/" + name(m), m);
      }
      Map<String, Object> mine = new TreeMap<>();
      for (Map<String, Object> m : render(ROOT.resolve("kubernetes/overlays/" + o))) {
        mine.put(kind(m) + "/" + map(m, "metadata").get("namespace") + "/" + name(m), m);
      }
      assertThat(mine.keySet()).isEqualTo(byKey.keySet());
      mine.forEach((k, m) -> assertThat(m).as(k).isEqualTo(byKey.get(k)));
    }));
  }

  /** The checks must bite: break one rule at a time on a rendered copy and expect a violation for it. */
  @Test
  void violationsAreDetected() {
    Path prod = ROOT.resolve("kubernetes/overlays/prod");

    List<Map<String, Object>> noProbe = render(prod);
    containers(find(noProbe, "Deployment", "rwa-prime-risk")).get(0).remove("readinessProbe");
    assertThat(violations(noProbe)).anyMatch(v -> v.contains("rwa-prime-risk") && v.contains("readinessProbe"));

    List<Map<String, Object>> permissive = render(prod);
    map(ofKind(permissive, "PeerAuthentication").get(0), "spec").put("portLevelMtls", Map.of("5701", Map.of("mode", "PERMISSIVE")));
    assertThat(violations(permissive)).anyMatch(v -> v.contains("PERMISSIVE"));

    List<Map<String, Object>> hole = render(prod);
    map(map(map(find(hole, "Deployment", "rwa-prime-api"), "spec"), "template"), "metadata")
        .put("annotations", Map.of("traffic.sidecar.istio.io/excludeInboundPorts", "5701"));
    assertThat(violations(hole)).anyMatch(v -> v.contains("excludeInboundPorts"));

    List<Map<String, Object>> noPolicy = render(prod);
    noPolicy.remove(find(noPolicy, "AuthorizationPolicy", "rwa-prime-fanout"));
    assertThat(violations(noPolicy)).anyMatch(v -> v.contains("no ALLOW AuthorizationPolicy") && v.contains("fanout"));

    List<Map<String, Object>> literal = render(prod);
    Manifests.<Object>list(containers(find(literal, "Deployment", "rwa-prime-api")).get(0), "env").add(new LinkedHashMap<>(Map.of("name", "RWA_DATABASE_PASSWORD", "value", "hunter2")));
    assertThat(violations(literal)).anyMatch(v -> v.contains("literal secret"));

    List<Map<String, Object>> extraRole = render(prod);
    Map<String, Object> alerts = deepCopy(find(extraRole, "Deployment", "rwa-prime-risk"));
    map(alerts, "metadata").put("name", "rwa-prime-alerts");
    containers(alerts).get(0).put("args", List.of("run", "--roles=alerts", "--cluster", "--profile=k8s"));
    extraRole.add(alerts);
    assertThat(violations(extraRole)).anyMatch(v -> v.contains("alerts"));

    List<Map<String, Object>> writable = render(prod);
    map(containers(find(writable, "Deployment", "rwa-prime-ingestion")).get(0), "securityContext").put("readOnlyRootFilesystem", false);
    assertThat(violations(writable)).anyMatch(v -> v.contains("readOnlyRootFilesystem"));

    List<Map<String, Object>> ephemeral = render(prod);
    Map<String, Object> ingestionPod = map(map(map(find(ephemeral, "Deployment", "rwa-prime-ingestion"), "spec"), "template"), "spec");
    maps(ingestionPod, "volumes").stream().filter(vol -> "bronze".equals(vol.get("name"))).forEach(vol -> {
      vol.remove("persistentVolumeClaim");
      vol.put("emptyDir", new LinkedHashMap<>());
    });
    assertThat(violations(ephemeral)).anyMatch(v -> v.contains("bronze") && v.contains("PersistentVolumeClaim"));

    List<Map<String, Object>> rolling = render(prod);
    map(find(rolling, "Deployment", "rwa-prime-ingestion"), "spec").remove("strategy");
    assertThat(violations(rolling)).anyMatch(v -> v.contains("ReadWriteOnce") && v.contains("Recreate"));

    List<Map<String, Object>> unknownMetric = render(prod);
    maps(map(find(unknownMetric, "HorizontalPodAutoscaler", "rwa-prime-fanout"), "spec"), "metrics").stream()
        .filter(m -> "Pods".equals(m.get("type"))).forEach(m -> map(map(m, "pods"), "metric").put("name", "rwa_fanout_client"));
    assertThat(violations(unknownMetric)).anyMatch(v -> v.contains("rwa_fanout_client") && v.contains("no rule"));

    List<Map<String, Object>> external = render(prod);
    Manifests.<Object>list(map(find(external, "HorizontalPodAutoscaler", "rwa-prime-alerts"), "spec"), "metrics").add(Map.of(
        "type", "External", "external", Map.of("metric", Map.of("name", "kafka_consumergroup_lag"),
            "target", Map.of("type", "AverageValue", "averageValue", "1000"))));
    assertThat(violations(external)).anyMatch(v -> v.contains("rwa-prime-alerts") && v.contains("External"));

    List<Map<String, Object>> noCpu = render(prod);
    maps(map(find(noCpu, "HorizontalPodAutoscaler", "rwa-prime-fanout"), "spec"), "metrics").removeIf(m -> "Resource".equals(m.get("type")));
    assertThat(violations(noCpu)).anyMatch(v -> v.contains("rwa-prime-fanout") && v.contains("CPU"));

    List<Map<String, Object>> typo = render(prod);
    map(find(typo, "ConfigMap", "rwa-prime-env"), "data").put("RWA_HTTP_PROT", "8080");
    assertThat(unknownConfig(typo)).contains("RWA_HTTP_PROT");
  }

  // ---------------------------------------------------------------------------------------------- the rules

  static List<String> violations(List<Map<String, Object>> objects) {
    List<String> v = new ArrayList<>();
    Set<String> roles = new TreeSet<>(Roles.names());

    // --- one Deployment per launcher role, and no Deployment for a role the launcher does not know
    Map<String, List<String>> byRole = new TreeMap<>();
    for (Map<String, Object> d : ofKind(objects, "Deployment")) {
      String name = name(d);
      List<Map<String, Object>> cs = containers(d);
      if (cs.size() != 1) {
        v.add(name + ": expected exactly one container, found " + cs.size());
        continue;
      }
      List<String> args = list(cs.get(0), "args").stream().map(String::valueOf).toList();
      List<String> roleArgs = args.stream().filter(a -> a.startsWith("--roles=")).toList();
      if (roleArgs.size() != 1 || roleArgs.get(0).contains(",")) {
        v.add(name + ": args must name exactly one role with --roles=<role>: " + args);
        continue;
      }
      String role = roleArgs.get(0).substring("--roles=".length());
      byRole.computeIfAbsent(role, r -> new ArrayList<>()).add(name);
      if (!roles.contains(role)) {
        v.add(name + ": role '" + role + "' is not a launcher role " + roles);
      }
      if (!args.contains("--cluster") || !args.contains("--profile=k8s") || !args.contains("run")) {
        v.add(name + ": args must be run --roles=<role> --cluster --profile=k8s: " + args);
      }
      checkDeployment(d, objects, v);
    }
    for (String role : roles) {
      List<String> ds = byRole.getOrDefault(role, List.of());
      if (ds.size() != 1) {
        v.add("role " + role + ": expected exactly one Deployment, found " + ds);
      }
    }

    bronzeOnAClaim(objects, v);
    autoscalingMetrics(objects, v);

    // --- Istio: STRICT mesh-wide, deny by default, an ALLOW policy selecting every role's pods
    boolean meshStrict = ofKind(objects, "PeerAuthentication").stream().anyMatch(p ->
        "istio-system".equals(map(p, "metadata").get("namespace")) && map(p, "spec").get("selector") == null
            && "STRICT".equals(map(map(p, "spec"), "mtls").get("mode")));
    if (!meshStrict) {
      v.add("no mesh-wide PeerAuthentication (istio-system, no selector) with mtls.mode STRICT");
    }
    for (Map<String, Object> p : ofKind(objects, "PeerAuthentication")) {
      if (!"STRICT".equals(map(map(p, "spec"), "mtls").get("mode"))) {
        v.add("PeerAuthentication " + name(p) + ": mtls.mode must be STRICT");
      }
    }
    for (Map<String, Object> dr : ofKind(objects, "DestinationRule")) {
      if (!"ISTIO_MUTUAL".equals(map(map(map(dr, "spec"), "trafficPolicy"), "tls").get("mode"))) {
        v.add("DestinationRule " + name(dr) + ": trafficPolicy.tls.mode must be ISTIO_MUTUAL");
      }
    }
    boolean allowNothing = ofKind(objects, "AuthorizationPolicy").stream().anyMatch(p -> map(p, "spec").isEmpty());
    if (!allowNothing) {
      v.add("no allow-nothing AuthorizationPolicy (spec: {}) in the namespace");
    }
    for (Map<String, Object> d : ofKind(objects, "Deployment")) {
      Map<String, Object> podLabels = map(map(map(map(d, "spec"), "template"), "metadata"), "labels");
      boolean allowed = ofKind(objects, "AuthorizationPolicy").stream().anyMatch(p -> {
        Map<String, Object> spec = map(p, "spec");
        Map<String, Object> sel = map(map(spec, "selector"), "matchLabels");
        return "ALLOW".equals(spec.getOrDefault("action", "ALLOW")) && !sel.isEmpty()
            && podLabels.entrySet().containsAll(sel.entrySet()) && !list(spec, "rules").isEmpty();
      });
      if (!allowed) {
        v.add(name(d) + ": no ALLOW AuthorizationPolicy selects its pods (a workload without one allows everything)");
      }
    }

    // --- anywhere: no PERMISSIVE/DISABLE, no sidecar port exclusions, no Secret with literal data
    for (Map<String, Object> o : objects) {
      scan(o, kind(o) + " " + name(o), v);
      if ("Secret".equals(kind(o)) && (o.get("data") != null || o.get("stringData") != null)) {
        v.add("Secret " + name(o) + ": literal secret data in the manifests");
      }
      if ("ConfigMap".equals(kind(o))) {
        for (String key : map(o, "data").keySet()) {
          if (SECRET_NAME.matcher(key).matches()) {
            v.add("ConfigMap " + name(o) + ": " + key + " looks like a secret (literal secret); use a secretKeyRef");
          }
        }
      }
    }
    return v;
  }

  private static void checkDeployment(Map<String, Object> d, List<Map<String, Object>> objects, List<String> v) {
    String name = name(d);
    Map<String, Object> pod = map(map(map(d, "spec"), "template"), "spec");
    Map<String, Object> c = containers(d).get(0);

    // probes on the HTTP port
    Map<String, String> probes = Map.of("startupProbe", "/health/live", "livenessProbe", "/health/live", "readinessProbe", "/health/ready");
    Set<String> httpPort = new TreeSet<>(Set.of("8080"));
    for (Map<String, Object> p : maps(c, "ports")) {
      if (Objects.equals(p.get("containerPort"), 8080) && p.get("name") != null) {
        httpPort.add(String.valueOf(p.get("name")));
      }
    }
    probes.forEach((probe, path) -> {
      Map<String, Object> get = map(map(c, probe), "httpGet");
      if (!path.equals(get.get("path")) || !httpPort.contains(String.valueOf(get.get("port")))) {
        v.add(name + ": " + probe + " must be httpGet " + path + " on port 8080, is " + c.get(probe));
      }
    });

    // resources
    Map<String, Object> res = map(c, "resources");
    for (String part : List.of("requests", "limits")) {
      if (!map(res, part).containsKey("cpu") || !map(res, part).containsKey("memory")) {
        v.add(name + ": resources." + part + " needs cpu and memory");
      }
    }

    // securityContext
    Map<String, Object> sc = map(c, "securityContext");
    if (!Boolean.TRUE.equals(sc.get("runAsNonRoot")) && !Boolean.TRUE.equals(map(pod, "securityContext").get("runAsNonRoot"))) {
      v.add(name + ": runAsNonRoot must be true");
    }
    if (!Boolean.TRUE.equals(sc.get("readOnlyRootFilesystem"))) {
      v.add(name + ": readOnlyRootFilesystem must be true");
    }
    if (!Boolean.FALSE.equals(sc.get("allowPrivilegeEscalation"))) {
      v.add(name + ": allowPrivilegeEscalation must be false");
    }
    if (!list(map(sc, "capabilities"), "drop").contains("ALL")) {
      v.add(name + ": capabilities.drop must contain ALL");
    }
    Set<String> emptyDirs = maps(pod, "volumes").stream().filter(vol -> vol.get("emptyDir") != null)
        .map(vol -> String.valueOf(vol.get("name"))).collect(Collectors.toSet());
    boolean tmp = maps(c, "volumeMounts").stream().anyMatch(m -> "/tmp".equals(m.get("mountPath")) && emptyDirs.contains(m.get("name")));
    if (!tmp) {
      v.add(name + ": /tmp must be an emptyDir mount (read-only root filesystem)");
    }

    // its own ServiceAccount, a PodDisruptionBudget and an HPA
    Object sa = pod.get("serviceAccountName");
    if (sa == null || ofKind(objects, "ServiceAccount").stream().noneMatch(s -> name(s).equals(sa))) {
      v.add(name + ": serviceAccountName must name a ServiceAccount in the manifests, is " + sa);
    }
    Map<String, Object> podLabels = map(map(map(d, "spec"), "template"), "metadata").containsKey("labels")
        ? map(map(map(map(d, "spec"), "template"), "metadata"), "labels") : Map.of();
    if (ofKind(objects, "PodDisruptionBudget").stream().noneMatch(p ->
        podLabels.entrySet().containsAll(map(map(map(p, "spec"), "selector"), "matchLabels").entrySet()))) {
      v.add(name + ": no PodDisruptionBudget selects its pods");
    }
    if (ofKind(objects, "HorizontalPodAutoscaler").stream().noneMatch(h -> name.equals(map(map(h, "spec"), "scaleTargetRef").get("name")))) {
      v.add(name + ": no HorizontalPodAutoscaler targets it");
    }

    // env: secrets only from secretKeyRef
    for (Map<String, Object> e : maps(c, "env")) {
      String env = String.valueOf(e.get("name"));
      if (SECRET_NAME.matcher(env).matches() && map(map(e, "valueFrom"), "secretKeyRef").isEmpty()) {
        v.add(name + ": " + env + " must come from a secretKeyRef (literal secret or other source)");
      }
    }
  }

  /**
   * The ingestion role's bronze archive ({@code ingestion.bronze.dir}, from the ConfigMap) is the mount path of a
   * PersistentVolumeClaim declared in the manifests, never an emptyDir; a ReadWriteOnce claim has exactly one
   * writer: one replica, strategy Recreate, an HPA pinned at one.
   */
  private static void bronzeOnAClaim(List<Map<String, Object>> objects, List<String> v) {
    List<Map<String, Object>> ingestion = ofKind(objects, "Deployment").stream()
        .filter(d -> list(containers(d).get(0), "args").contains("--roles=ingestion")).toList();
    if (ingestion.size() != 1) {
      return; // reported by the one-Deployment-per-role rule
    }
    Map<String, Object> d = ingestion.get(0);
    String dir = ofKind(objects, "ConfigMap").stream().map(cm -> map(cm, "data").get("RWA_INGESTION_BRONZE_DIR"))
        .filter(Objects::nonNull).map(String::valueOf).findFirst().orElse(null);
    if (dir == null) {
      v.add("no ConfigMap sets RWA_INGESTION_BRONZE_DIR (the packaged default is a relative path in the image)");
      return;
    }
    Optional<Map<String, Object>> mount = maps(containers(d).get(0), "volumeMounts").stream()
        .filter(m -> dir.equals(m.get("mountPath"))).findFirst();
    Map<String, Object> volume = mount.flatMap(m -> maps(map(map(map(d, "spec"), "template"), "spec"), "volumes").stream()
        .filter(vol -> Objects.equals(vol.get("name"), m.get("name"))).findFirst()).orElse(Map.of());
    Object claim = map(volume, "persistentVolumeClaim").get("claimName");
    Optional<Map<String, Object>> pvc = ofKind(objects, "PersistentVolumeClaim").stream()
        .filter(c -> name(c).equals(claim)).findFirst();
    if (pvc.isEmpty()) {
      v.add(name(d) + ": the bronze archive " + dir + " must be a PersistentVolumeClaim of the manifests, is " + volume);
      return;
    }
    if (map(map(map(pvc.get(), "spec"), "resources"), "requests").get("storage") == null) {
      v.add("PersistentVolumeClaim " + claim + ": resources.requests.storage is missing");
    }
    if (list(map(pvc.get(), "spec"), "accessModes").contains("ReadWriteOnce")) {
      Object replicas = map(d, "spec").get("replicas");
      Object strategy = map(map(d, "spec"), "strategy").get("type");
      boolean pinned = ofKind(objects, "HorizontalPodAutoscaler").stream()
          .filter(h -> name(d).equals(map(map(h, "spec"), "scaleTargetRef").get("name")))
          .allMatch(h -> Objects.equals(map(h, "spec").get("maxReplicas"), 1));
      if (!Objects.equals(replicas, 1) || !"Recreate".equals(strategy) || !pinned) {
        v.add(name(d) + ": a ReadWriteOnce bronze claim needs one replica, strategy Recreate and an HPA pinned at 1"
            + " [replicas: " + replicas + ", strategy: " + strategy + ", hpa pinned: " + pinned + "]");
      }
    }
  }

  /**
   * Every HPA scales on CPU; a Pods metric is allowed only where a rule of the metrics adapter
   * ({@code kubernetes/metrics/prometheus-adapter-rules.yaml}) makes it from a Prometheus series that a meter of the
   * target role's own module produces (checked through a real {@link PrometheusMeterRegistry}, so the naming —
   * dots to underscores, {@code _total} on counters — is Micrometer's, not a guess). Other metric types (External,
   * Object) have no source in this repository and are refused.
   */
  private static void autoscalingMetrics(List<Map<String, Object>> objects, List<String> v) {
    Map<String, String> adapter = adapterMetrics();
    for (Map<String, Object> h : ofKind(objects, "HorizontalPodAutoscaler")) {
      Map<String, Object> spec = map(h, "spec");
      List<Map<String, Object>> metrics = maps(spec, "metrics");
      if (metrics.stream().noneMatch(m -> "Resource".equals(m.get("type")) && "cpu".equals(map(m, "resource").get("name")))) {
        v.add("HorizontalPodAutoscaler " + name(h) + ": no CPU Resource metric");
      }
      String role = ofKind(objects, "Deployment").stream()
          .filter(d -> name(d).equals(map(spec, "scaleTargetRef").get("name")))
          .flatMap(d -> list(containers(d).get(0), "args").stream().map(String::valueOf))
          .filter(a -> a.startsWith("--roles=")).map(a -> a.substring("--roles=".length())).findFirst().orElse("?");
      for (Map<String, Object> m : metrics) {
        String type = String.valueOf(m.get("type"));
        if (type.equals("Resource")) {
          continue;
        }
        String metric = String.valueOf(map(map(m, "pods"), "metric").get("name"));
        if (!type.equals("Pods")) {
          v.add("HorizontalPodAutoscaler " + name(h) + ": a " + type + " metric has no source in this repository");
        } else if (!adapter.containsKey(metric)) {
          v.add("HorizontalPodAutoscaler " + name(h) + ": Pods metric " + metric + " is made by no rule of kubernetes/metrics");
        } else if (!seriesOf(role).contains(adapter.get(metric))) {
          v.add("HorizontalPodAutoscaler " + name(h) + ": Pods metric " + metric + " reads series " + adapter.get(metric)
              + ", which no meter of the " + role + " role's code produces " + seriesOf(role));
        }
      }
    }
  }

  /** The metrics adapter's rules: custom metric name → the Prometheus series it is computed from. */
  @SuppressWarnings("unchecked")
  static Map<String, String> adapterMetrics() {
    Map<String, String> out = new TreeMap<>();
    Map<String, Object> values = (Map<String, Object>) Manifests.loadAll(ROOT.resolve("kubernetes/metrics/prometheus-adapter-rules.yaml")).get(0);
    for (Map<String, Object> rule : maps(map(values, "rules"), "custom")) {
      String query = String.valueOf(rule.get("seriesQuery"));
      String series = query.substring(0, query.contains("{") ? query.indexOf('{') : query.length()).trim();
      Map<String, Object> naming = map(rule, "name");
      Object matches = naming.get("matches");
      Object as = naming.get("as");
      String metric = matches == null ? (as == null ? series : String.valueOf(as))
          : series.replaceFirst(String.valueOf(matches), String.valueOf(as).replaceAll("\\$\\{(\\d+)}", "\\$$1"));
      out.put(metric, series);
    }
    return out;
  }

  /**
   * The Prometheus series that the meters registered in a role's module produce: every {@code Gauge.builder("…")} and
   * {@code Counter.builder("…")} of its sources, registered in a fresh registry and scraped.
   */
  static Set<String> seriesOf(String role) {
    Path src = ROOT.resolve("verticles/" + (role.equals("onchain") ? "ingestion" : role) + "/src/main/java");
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Pattern builder = Pattern.compile("(Gauge|Counter)\\.builder\\(\"([a-z0-9._]+)\"");
    try (Stream<Path> files = Files.walk(src)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Matcher m = builder.matcher(Files.readString(f));
        while (m.find()) {
          if (m.group(1).equals("Gauge")) {
            Gauge.builder(m.group(2), () -> 0).register(registry);
          } else {
            Counter.builder(m.group(2)).register(registry);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return registry.scrape().lines().filter(l -> !l.startsWith("#") && !l.isBlank())
        .map(l -> l.split("[{ ]", 2)[0]).collect(Collectors.toCollection(TreeSet::new));
  }

  /** Every string value and every key, recursively: no PERMISSIVE/DISABLE, no excludeInboundPorts. */
  private static void scan(Object node, String where, List<String> v) {
    if (node instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (String.valueOf(e.getKey()).contains("excludeInboundPorts")) {
          v.add(where + ": excludeInboundPorts opens a hole in STRICT mTLS");
        }
        scan(e.getValue(), where, v);
      }
    } else if (node instanceof List<?> l) {
      l.forEach(x -> scan(x, where, v));
    } else if (node instanceof String s && (s.equals("PERMISSIVE") || s.equals("DISABLE"))) {
      v.add(where + ": " + s + " is not allowed (STRICT only)");
    }
  }

  /**
   * Loads the packaged configuration with the k8s profile and every {@code RWA_*} name the manifests set
   * (ConfigMap data and container env), secrets replaced by plausible values. Returns the error, or null.
   */
  static String unknownConfig(List<Map<String, Object>> objects) {
    Map<String, String> env = new TreeMap<>();
    for (Map<String, Object> cm : ofKind(objects, "ConfigMap")) {
      map(cm, "data").forEach((k, val) -> env.put(k, String.valueOf(val)));
    }
    for (Map<String, Object> d : ofKind(objects, "Deployment")) {
      for (Map<String, Object> e : maps(containers(d).get(0), "env")) {
        String n = String.valueOf(e.get("name"));
        env.put(n, e.get("value") != null ? String.valueOf(e.get("value")) : plausible(n));
      }
    }
    env.keySet().removeIf(k -> !k.startsWith("RWA_"));
    try {
      ConfigLoader.load(vertx, new ConfigLoader.Sources("k8s", Optional.empty(), env, Map.of()))
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      return null;
    } catch (Exception e) {
      Throwable t = e.getCause() != null ? e.getCause() : e;
      return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
  }

  private static String plausible(String env) {
    return switch (env) {
      case "RWA_DATABASE_URL" -> "postgresql://rwa@postgres.example:5432/rwa";
      case "RWA_REDIS_URL" -> "redis://redis.example:6379";
      case "RWA_KAFKA_BOOTSTRAP_SERVERS" -> "kafka.example:9092";
      case "RWA_INGESTION_PUSH_KEYS" -> "acme:test-only-key-0123456789abcdef";
      case "RWA_API_BOOTSTRAP_ADMIN_EMAIL" -> "admin@example.com";
      default -> "test-only-value-0123456789abcdef";
    };
  }
}
