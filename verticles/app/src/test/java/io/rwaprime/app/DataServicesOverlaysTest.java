package io.rwaprime.app;

import static io.rwaprime.app.Manifests.containers;
import static io.rwaprime.app.Manifests.find;
import static io.rwaprime.app.Manifests.kind;
import static io.rwaprime.app.Manifests.list;
import static io.rwaprime.app.Manifests.map;
import static io.rwaprime.app.Manifests.maps;
import static io.rwaprime.app.Manifests.name;
import static io.rwaprime.app.Manifests.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import io.rwaprime.events.BarInterval;
import io.rwaprime.events.Topics;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * The optional overlays with the data services, {@code strimzi} (Kafka) and {@code cloudnative-pg} (PostgreSQL):
 * they are prod plus the data services, those run in {@code rwa-prime-data} outside the mesh, and only the roles
 * that use a service may connect to it. Their objects are also schema-checked by {@link ManifestSchemaTest}
 * (Strimzi's own model; a hand-written schema for CloudNativePG's Cluster) and checked for the egress rules by
 * {@link EgressPolicyTest}.
 */
class DataServicesOverlaysTest {

  private static final String DATA_NS = "rwa-prime-data";

  @Test
  void strimziOverlayIsProdPlusAKraftKafkaWithEveryTopicOfTheMesh() {
    List<Map<String, Object>> objects = Manifests.overlay("strimzi");
    assertThat(kafkaViolations(objects)).isEmpty();
  }

  @Test
  void cloudNativePgOverlayIsProdPlusAThreeInstanceClusterOnlyTheDatabaseRolesReach() {
    List<Map<String, Object>> objects = Manifests.overlay("cloudnative-pg");
    assertThat(postgresViolations(objects)).isEmpty();
  }

  @Test
  void violationsAreDetected() {
    List<Map<String, Object>> missingTopic = Manifests.overlay("strimzi");
    missingTopic.remove(find(missingTopic, "KafkaTopic", "dead-letter"));
    assertThat(kafkaViolations(missingTopic)).anyMatch(v -> v.contains("dead-letter"));

    List<Map<String, Object>> zookeeper = Manifests.overlay("strimzi");
    map(find(zookeeper, "KafkaNodePool", "dual-role"), "spec").put("roles", List.of("broker"));
    assertThat(kafkaViolations(zookeeper)).anyMatch(v -> v.contains("controller"));

    List<Map<String, Object>> fragile = Manifests.overlay("strimzi");
    map(find(fragile, "KafkaTopic", "ticks-clean"), "spec").put("replicas", 1);
    assertThat(kafkaViolations(fragile)).anyMatch(v -> v.contains("ticks-clean") && v.contains("replicas"));

    List<Map<String, Object>> openKafka = Manifests.overlay("strimzi");
    List<Map<String, Object>> listeners = maps(map(map(find(openKafka, "Kafka", "rwa-prime"), "spec"), "kafka"), "listeners");
    listeners.get(0).remove("networkPolicyPeers");
    assertThat(kafkaViolations(openKafka)).anyMatch(v -> v.contains("networkPolicyPeers"));

    List<Map<String, Object>> inMesh = Manifests.overlay("strimzi");
    map(map(find(inMesh, "Namespace", DATA_NS), "metadata"), "labels").put("istio-injection", "enabled");
    assertThat(kafkaViolations(inMesh)).anyMatch(v -> v.contains("istio-injection"));

    List<Map<String, Object>> noProd = Manifests.overlay("cloudnative-pg");
    noProd.remove(find(noProd, "Sidecar", "rwa-prime-api"));
    assertThat(postgresViolations(noProd)).anyMatch(v -> v.contains("prod") && v.contains("rwa-prime-api"));

    List<Map<String, Object>> single = Manifests.overlay("cloudnative-pg");
    map(find(single, "Cluster", "rwa-prime-db"), "spec").put("instances", 1);
    assertThat(postgresViolations(single)).anyMatch(v -> v.contains("instances"));

    List<Map<String, Object>> bridgeToDb = Manifests.overlay("cloudnative-pg");
    Map<String, Object> peer = maps(map(find(bridgeToDb, "NetworkPolicy", "rwa-prime-db"), "spec"), "ingress").get(0);
    Map<String, Object> expr = maps(map(maps(peer, "from").get(0), "podSelector"), "matchExpressions").get(0);
    Manifests.<Object>list(expr, "values").add("bridge");
    assertThat(postgresViolations(bridgeToDb)).anyMatch(v -> v.contains("bridge"));

    List<Map<String, Object>> otherOwner = Manifests.overlay("cloudnative-pg");
    map(map(map(find(otherOwner, "Cluster", "rwa-prime-db"), "spec"), "bootstrap"), "initdb").put("owner", "app");
    assertThat(postgresViolations(otherOwner)).anyMatch(v -> v.contains("owner"));
  }

  // ------------------------------------------------------------------------------------------------ Kafka

  static List<String> kafkaViolations(List<Map<String, Object>> objects) {
    List<String> v = new ArrayList<>(common(objects));
    List<Map<String, Object>> kafkas = ofKind(objects, "Kafka");
    if (kafkas.size() != 1) {
      v.add("expected exactly one Kafka, found " + kafkas.size());
      return v;
    }
    Map<String, Object> kafka = kafkas.get(0);
    String cluster = name(kafka);
    Map<String, Object> annotations = map(map(kafka, "metadata"), "annotations");
    if (!"enabled".equals(annotations.get("strimzi.io/kraft")) || !"enabled".equals(annotations.get("strimzi.io/node-pools"))) {
      v.add("Kafka " + cluster + ": strimzi.io/kraft and strimzi.io/node-pools must be enabled (KRaft with node pools)");
    }
    List<Map<String, Object>> pools = ofKind(objects, "KafkaNodePool").stream()
        .filter(p -> cluster.equals(map(map(p, "metadata"), "labels").get("strimzi.io/cluster"))).toList();
    Set<Object> roles = pools.stream().flatMap(p -> list(map(p, "spec"), "roles").stream()).collect(Collectors.toSet());
    if (!roles.containsAll(Set.of("controller", "broker"))) {
      v.add("Kafka " + cluster + ": its node pools must hold the controller and broker roles (KRaft), have " + roles);
    }
    int brokers = pools.stream().filter(p -> list(map(p, "spec"), "roles").contains("broker"))
        .mapToInt(p -> ((Number) map(p, "spec").get("replicas")).intValue()).sum();
    Map<String, Object> config = map(map(map(kafka, "spec"), "kafka"), "config");
    int minIsr = ((Number) config.getOrDefault("min.insync.replicas", 1)).intValue();

    // every topic of the mesh, and no other; each survives one broker down
    Set<String> topics = new TreeSet<>();
    for (Map<String, Object> t : ofKind(objects, "KafkaTopic")) {
      String topic = Objects.toString(map(t, "spec").get("topicName"), name(t));
      topics.add(topic);
      if (!cluster.equals(map(map(t, "metadata"), "labels").get("strimzi.io/cluster"))) {
        v.add("KafkaTopic " + topic + ": label strimzi.io/cluster must be " + cluster);
      }
      int replicas = ((Number) map(t, "spec").get("replicas")).intValue();
      Object isr = map(map(t, "spec"), "config").getOrDefault("min.insync.replicas", minIsr);
      if (replicas > brokers || replicas < ((Number) isr).intValue() + 1) {
        v.add("KafkaTopic " + topic + ": replicas " + replicas + " must be at most the " + brokers
            + " brokers and more than min.insync.replicas " + isr);
      }
    }
    Set<String> expected = meshTopics();
    if (!topics.equals(expected)) {
      Set<String> missing = new TreeSet<>(expected);
      missing.removeAll(topics);
      Set<String> extra = new TreeSet<>(topics);
      extra.removeAll(expected);
      v.add("KafkaTopics must be the mesh's topics (event-bus-codecs Topics): missing " + missing + ", not a mesh topic " + extra);
    }

    // only the roles that are given the bootstrap servers may connect
    Set<String> users = rolesReading(objects, "RWA_KAFKA_BOOTSTRAP_SERVERS");
    for (Map<String, Object> l : maps(map(map(kafka, "spec"), "kafka"), "listeners")) {
      List<Map<String, Object>> peers = maps(l, "networkPolicyPeers");
      Set<String> allowed = componentsOf(peers);
      if (peers.isEmpty() || !allowed.equals(users)) {
        v.add("Kafka listener " + l.get("name") + ": networkPolicyPeers must admit exactly the roles that use Kafka "
            + users + " from namespace rwa-prime, admit " + allowed);
      }
    }
    return v;
  }

  /** Every constant of {@link Topics} and the bar topic of every {@link BarInterval}. */
  static Set<String> meshTopics() {
    Set<String> topics = new TreeSet<>();
    for (Field f : Topics.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class && !f.getName().equals("BARS_PREFIX")) {
        try {
          topics.add((String) f.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    Arrays.stream(BarInterval.values()).map(Topics::bars).forEach(topics::add);
    return topics;
  }

  // --------------------------------------------------------------------------------------------- PostgreSQL

  static List<String> postgresViolations(List<Map<String, Object>> objects) {
    List<String> v = new ArrayList<>(common(objects));
    List<Map<String, Object>> clusters = ofKind(objects, "Cluster");
    if (clusters.size() != 1) {
      v.add("expected exactly one CloudNativePG Cluster, found " + clusters.size());
      return v;
    }
    Map<String, Object> cluster = clusters.get(0);
    Map<String, Object> spec = map(cluster, "spec");
    if (!Objects.equals(spec.get("instances"), 3)) {
      v.add("Cluster " + name(cluster) + ": instances must be 3 (a primary and two replicas), is " + spec.get("instances"));
    }
    Map<String, Object> initdb = map(map(spec, "bootstrap"), "initdb");
    // the app connects as database.user (packaged default rwa; rwa-prime-database.user must say the same)
    @SuppressWarnings("unchecked")
    Map<String, Object> defaults = (Map<String, Object>) Manifests.loadAll(Manifests.ROOT.resolve("config/application.yaml")).get(0);
    Object user = map(defaults, "database").get("user");
    if (!Objects.equals(initdb.get("owner"), user)) {
      v.add("Cluster " + name(cluster) + ": bootstrap.initdb.owner must be the app's database.user " + user + ", is " + initdb.get("owner"));
    }
    if (map(initdb, "secret").get("name") == null) {
      v.add("Cluster " + name(cluster) + ": bootstrap.initdb.secret names the owner's credentials (kept out of the manifests)");
    }

    // only the roles that read the database Secret may connect to 5432
    Set<String> users = rolesReading(objects, "RWA_DATABASE_URL");
    List<Map<String, Object>> policies = ofKind(objects, "NetworkPolicy").stream()
        .filter(p -> name(cluster).equals(map(map(map(p, "spec"), "podSelector"), "matchLabels").get("cnpg.io/cluster"))).toList();
    if (policies.size() != 1) {
      v.add("expected exactly one NetworkPolicy selecting the Cluster's pods (cnpg.io/cluster), found " + policies.size());
      return v;
    }
    Set<String> allowed = new TreeSet<>();
    for (Map<String, Object> rule : maps(map(policies.get(0), "spec"), "ingress")) {
      if (maps(rule, "ports").stream().anyMatch(p -> Objects.equals(p.get("port"), 5432))) {
        allowed.addAll(componentsOf(maps(rule, "from")));
      }
    }
    if (!allowed.equals(users)) {
      v.add("NetworkPolicy " + name(policies.get(0)) + ": must admit to 5432 exactly the roles that use PostgreSQL "
          + users + " from namespace rwa-prime, admits " + allowed);
    }
    return v;
  }

  // ---------------------------------------------------------------------------------------------- shared

  /**
   * Both overlays: everything of prod is there unchanged, the data services live in {@code rwa-prime-data}, and
   * that namespace stays out of the mesh.
   */
  private static List<String> common(List<Map<String, Object>> objects) {
    List<String> v = new ArrayList<>();
    for (Map<String, Object> p : Manifests.overlay("prod")) {
      boolean same = objects.stream().anyMatch(o -> o.equals(p));
      if (!same) {
        v.add("not built on prod: " + kind(p) + " " + name(p) + " is missing or changed");
      }
    }
    for (Map<String, Object> o : objects) {
      String group = String.valueOf(o.get("apiVersion"));
      if ((group.startsWith("kafka.strimzi.io/") || group.startsWith("postgresql.cnpg.io/") || "NetworkPolicy".equals(kind(o)))
          && !DATA_NS.equals(map(o, "metadata").get("namespace"))) {
        v.add(kind(o) + " " + name(o) + ": must be in namespace " + DATA_NS);
      }
    }
    List<Map<String, Object>> ns = ofKind(objects, "Namespace").stream().filter(n -> DATA_NS.equals(name(n))).toList();
    if (ns.size() != 1 || !"disabled".equals(map(map(ns.get(0), "metadata"), "labels").get("istio-injection"))) {
      v.add("Namespace " + DATA_NS + " must exist with istio-injection: disabled (its operators cannot speak STRICT mTLS)");
    }
    return v;
  }

  /** The roles whose Deployment sets the environment variable {@code env}. */
  private static Set<String> rolesReading(List<Map<String, Object>> objects, String env) {
    Set<String> roles = new TreeSet<>();
    for (Map<String, Object> d : ofKind(objects, "Deployment")) {
      Map<String, Object> c = containers(d).get(0);
      if (maps(c, "env").stream().anyMatch(e -> env.equals(e.get("name")))) {
        list(c, "args").stream().map(String::valueOf).filter(a -> a.startsWith("--roles="))
            .forEach(a -> roles.add(a.substring("--roles=".length())));
      }
    }
    return roles;
  }

  /**
   * The app components that NetworkPolicy peers admit from namespace rwa-prime (component In [...]); "*" for a peer
   * that admits the whole namespace.
   */
  private static Set<String> componentsOf(List<Map<String, Object>> peers) {
    Set<String> components = new TreeSet<>();
    for (Map<String, Object> peer : peers) {
      if (!"rwa-prime".equals(map(map(peer, "namespaceSelector"), "matchLabels").get("kubernetes.io/metadata.name"))) {
        continue;
      }
      if (map(peer, "podSelector").isEmpty()) {
        components.add("*");
      }
      for (Map<String, Object> e : maps(map(peer, "podSelector"), "matchExpressions")) {
        if ("app.kubernetes.io/component".equals(e.get("key")) && "In".equals(e.get("operator"))) {
          list(e, "values").forEach(x -> components.add(String.valueOf(x)));
        }
      }
    }
    return components;
  }
}
