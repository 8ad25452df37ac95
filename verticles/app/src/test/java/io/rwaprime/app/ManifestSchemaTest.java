package io.rwaprime.app;

import static io.rwaprime.app.Manifests.containers;
import static io.rwaprime.app.Manifests.find;
import static io.rwaprime.app.Manifests.kind;
import static io.rwaprime.app.Manifests.map;
import static io.rwaprime.app.Manifests.name;
import static io.rwaprime.app.Manifests.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every object of every rendered overlay against the schema of its {@code apiVersion} and {@code kind}, without a
 * cluster and without network:
 * <ul>
 *   <li>Kubernetes kinds through the fabric8 Kubernetes model, Istio kinds through the fabric8 Istio model, Strimzi
 *   kinds through Strimzi's own model ({@code io.strimzi:api}) — each read strictly: the models keep unknown fields
 *   in an "additional properties" map, which is switched off here, so a misspelled or misplaced field, a field of
 *   another API version, or a value of the wrong type fails with its JSON path (and for Istio, a field the typed
 *   object does not write back — see {@link #dropped});</li>
 *   <li>an {@code apiVersion}/{@code kind} pair that no model knows fails (a wrong group or version, a kind that does
 *   not exist) — except CloudNativePG's {@code Cluster}, which has no model on Maven Central and is checked against
 *   {@link CnpgClusterSchema}, a hand-written schema of the fields the manifests use;</li>
 *   <li>every object has a name, and every namespaced kind a namespace (the overlays use no namespace transformer).</li>
 * </ul>
 */
class ManifestSchemaTest {

  /** Kinds without a namespace among those the manifests use. */
  private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding");
  private static final Map<String, Class<?>> TYPES = types();
  private static final ObjectMapper STRICT = strictMapper();

  @TestFactory
  Stream<DynamicTest> everyObjectMatchesTheSchemaOfItsKind() {
    return Manifests.overlays().stream().map(o -> DynamicTest.dynamicTest(o.getFileName().toString(), () ->
        assertThat(schemaViolations(Manifests.render(o))).as("schema violations in overlay " + o.getFileName()).isEmpty()));
  }

  /** The validation must bite: one broken field at a time on a rendered copy of prod. */
  @Test
  void schemaViolationsAreDetected() {
    List<Map<String, Object>> typo = Manifests.overlay("prod");
    Map<String, Object> probe = containers(find(typo, "Deployment", "rwa-prime-risk")).get(0);
    probe.put("readinesProbe", probe.remove("readinessProbe"));
    assertThat(schemaViolations(typo)).anyMatch(v -> v.contains("rwa-prime-risk") && v.contains("readinesProbe"));

    List<Map<String, Object>> wrongType = Manifests.overlay("prod");
    map(find(wrongType, "Deployment", "rwa-prime-api"), "spec").put("replicas", "two");
    assertThat(schemaViolations(wrongType)).anyMatch(v -> v.contains("rwa-prime-api") && v.contains("replicas"));

    List<Map<String, Object>> wrongVersion = Manifests.overlay("prod");
    find(wrongVersion, "HorizontalPodAutoscaler", "rwa-prime-fanout").put("apiVersion", "autoscaling/v3");
    assertThat(schemaViolations(wrongVersion)).anyMatch(v -> v.contains("autoscaling/v3"));

    List<Map<String, Object>> misplaced = Manifests.overlay("prod");
    Map<String, Object> hpa = map(find(misplaced, "HorizontalPodAutoscaler", "rwa-prime-api"), "spec");
    hpa.put("targetCPUUtilizationPercentage", 70); // autoscaling/v1's field, not v2's
    assertThat(schemaViolations(misplaced)).anyMatch(v -> v.contains("targetCPUUtilizationPercentage"));

    List<Map<String, Object>> istio = Manifests.overlay("prod");
    Map<String, Object> spec = map(find(istio, "AuthorizationPolicy", "rwa-prime-api"), "spec");
    spec.put("rule", spec.remove("rules"));
    assertThat(schemaViolations(istio)).anyMatch(v -> v.contains("AuthorizationPolicy") && v.contains("rule"));

    List<Map<String, Object>> strimzi = Manifests.overlay("strimzi");
    map(ofKind(strimzi, "KafkaTopic").get(0), "spec").put("partition", 3);
    assertThat(schemaViolations(strimzi)).anyMatch(v -> v.contains("KafkaTopic") && v.contains("partition"));

    List<Map<String, Object>> cnpg = Manifests.overlay("cloudnative-pg");
    map(find(cnpg, "Cluster", "rwa-prime-db"), "spec").put("instance", 3);
    assertThat(schemaViolations(cnpg)).anyMatch(v -> v.contains("Cluster") && v.contains("instance"));

    List<Map<String, Object>> noNamespace = Manifests.overlay("prod");
    map(find(noNamespace, "Service", "rwa-prime-api"), "metadata").remove("namespace");
    assertThat(schemaViolations(noNamespace)).anyMatch(v -> v.contains("rwa-prime-api") && v.contains("namespace"));
  }

  /** Schema violations of the rendered objects, one line each: kind, name and what is wrong. */
  static List<String> schemaViolations(List<Map<String, Object>> objects) {
    List<String> v = new ArrayList<>();
    for (Map<String, Object> o : objects) {
      String apiVersion = String.valueOf(o.get("apiVersion"));
      String where = apiVersion + " " + kind(o) + " " + name(o);
      if (map(o, "metadata").get("name") == null) {
        v.add(where + ": metadata.name is missing");
      }
      if (!CLUSTER_SCOPED.contains(kind(o)) && map(o, "metadata").get("namespace") == null) {
        v.add(where + ": metadata.namespace is missing (a namespaced kind; the overlays set no namespace)");
      }
      if (CnpgClusterSchema.API_VERSION.equals(apiVersion) && "Cluster".equals(kind(o))) {
        CnpgClusterSchema.check(o).forEach(p -> v.add(where + ": " + p));
        continue;
      }
      Class<?> type = TYPES.get(apiVersion + "/" + kind(o));
      if (type == null) {
        v.add(where + ": no schema knows kind " + kind(o) + " in " + apiVersion);
        continue;
      }
      try {
        Object typed = STRICT.convertValue(o, type);
        if (type.getName().startsWith("io.fabric8.istio.")) {
          dropped(STRICT.valueToTree(o), STRICT.valueToTree(typed), "").forEach(p -> v.add(where + ": unknown field " + p));
        }
      } catch (IllegalArgumentException e) {
        v.add(where + ": " + firstLine(e.getMessage()));
      }
    }
    return v;
  }

  /**
   * Paths of the input that the typed object lost. The other models fail on an unknown field already; the Istio
   * messages with one-of fields are read by fabric8's {@code JsonUnwrappedDeserializer}, which drops a field that no
   * member claims, so an Istio object is written back and compared with the input. Empty objects and lists are
   * skipped: the models do not write them back. (Not for Strimzi: it omits fields equal to their defaults.)
   */
  private static List<String> dropped(JsonNode in, JsonNode back, String path) {
    List<String> lost = new ArrayList<>();
    if (in.isObject()) {
      in.properties().forEach(e -> {
        JsonNode value = e.getValue();
        if (value.isNull() || (value.isContainerNode() && value.isEmpty())) {
          return;
        }
        String at = path + "/" + e.getKey();
        if (back == null || !back.has(e.getKey())) {
          lost.add(at);
        } else {
          lost.addAll(dropped(value, back.get(e.getKey()), at));
        }
      });
    } else if (in.isArray() && back != null && back.isArray() && back.size() == in.size()) {
      for (int i = 0; i < in.size(); i++) {
        lost.addAll(dropped(in.get(i), back.get(i), path + "/" + i));
      }
    }
    return lost;
  }

  private static String firstLine(String message) {
    String m = String.valueOf(message);
    // Jackson ends its message with the source and the reference chain; the field name and path are what matter
    int known = m.indexOf(" (class ");
    return (known > 0 ? m.substring(0, known) : m.lines().findFirst().orElse(m)) + pathOf(m);
  }

  private static String pathOf(String message) {
    int at = message.lastIndexOf("(through reference chain: ");
    return at < 0 ? "" : " " + message.substring(at).replaceAll("\\s+", " ");
  }

  /**
   * apiVersion/kind → model class: every {@link KubernetesResource} the fabric8 models (Kubernetes and Istio)
   * register as services, plus the three Strimzi kinds the strimzi overlay uses.
   */
  private static Map<String, Class<?>> types() {
    Map<String, Class<?>> types = new TreeMap<>();
    for (KubernetesResource r : ServiceLoader.load(KubernetesResource.class)) {
      if (r instanceof HasMetadata h && h.getApiVersion() != null && h.getKind() != null) {
        types.put(h.getApiVersion() + "/" + h.getKind(), r.getClass());
      }
    }
    for (HasMetadata h : List.<HasMetadata>of(new Kafka(), new KafkaNodePool(), new KafkaTopic())) {
      types.put(h.getApiVersion() + "/" + h.getKind(), h.getClass());
    }
    return types;
  }

  /**
   * Jackson as the models expect it, but strict: unknown properties fail (the models' any-setters, which would keep
   * them as "additional properties", are removed), and scalars are not coerced ("2" is no integer).
   */
  private static ObjectMapper strictMapper() {
    SimpleModule noAnySetter = new SimpleModule().setDeserializerModifier(new BeanDeserializerModifier() {
      @Override
      public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription bean, BeanDeserializerBuilder builder) {
        String type = bean.getBeanClass().getName();
        if (type.startsWith("io.fabric8.") || type.startsWith("io.strimzi.")) {
          builder.setAnySetter(null);
        }
        return builder;
      }
    });
    return JsonMapper.builder()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .addModule(noAnySetter)
        .build();
  }

  /**
   * CloudNativePG's {@code postgresql.cnpg.io/v1 Cluster}: no model of it is published on Maven Central, so this is
   * a schema by hand of the fields the cloudnative-pg overlay uses (names and types from the CloudNativePG API
   * reference). An unknown field, a wrong type or a missing required field is a violation.
   */
  static final class CnpgClusterSchema {

    static final String API_VERSION = "postgresql.cnpg.io/v1";

    private static final Map<String, Object> RESOURCES = Map.of(
        "requests", Map.of("cpu", String.class, "memory", String.class),
        "limits", Map.of("cpu", String.class, "memory", String.class));
    private static final Map<String, Object> SPEC = Map.ofEntries(
        Map.entry("description", String.class),
        Map.entry("instances", Integer.class),
        Map.entry("imageName", String.class),
        Map.entry("primaryUpdateStrategy", String.class),
        Map.entry("primaryUpdateMethod", String.class),
        Map.entry("enableSuperuserAccess", Boolean.class),
        Map.entry("startDelay", Integer.class),
        Map.entry("stopDelay", Integer.class),
        Map.entry("storage", Map.of("size", String.class, "storageClass", String.class)),
        Map.entry("walStorage", Map.of("size", String.class, "storageClass", String.class)),
        Map.entry("bootstrap", Map.of("initdb", Map.of(
            "database", String.class, "owner", String.class, "secret", Map.of("name", String.class),
            "encoding", String.class, "localeCollate", String.class, "localeCType", String.class))),
        Map.entry("postgresql", Map.of("parameters", String.class)),
        Map.entry("resources", RESOURCES),
        Map.entry("affinity", Map.of("enablePodAntiAffinity", Boolean.class, "topologyKey", String.class,
            "podAntiAffinityType", String.class)),
        Map.entry("monitoring", Map.of("enablePodMonitor", Boolean.class)),
        Map.entry("inheritedMetadata", Map.of("labels", String.class, "annotations", String.class)));
    private static final List<String> REQUIRED = List.of("instances", "storage.size", "bootstrap.initdb.database",
        "bootstrap.initdb.owner", "bootstrap.initdb.secret.name");
    /** Maps whose keys are free (parameters, labels, annotations): their values must be strings. */
    private static final Set<String> FREE_MAPS = Set.of("postgresql.parameters", "inheritedMetadata.labels",
        "inheritedMetadata.annotations");

    private CnpgClusterSchema() {}

    static List<String> check(Map<String, Object> cluster) {
      List<String> v = new ArrayList<>();
      Set<String> top = new java.util.TreeSet<>(cluster.keySet());
      top.removeAll(Set.of("apiVersion", "kind", "metadata", "spec"));
      top.forEach(k -> v.add("unknown top-level field " + k));
      Map<String, Object> spec = map(cluster, "spec");
      walk(spec, SPEC, "", v);
      for (String path : REQUIRED) {
        Object node = spec;
        for (String part : path.split("\\.")) {
          node = node instanceof Map<?, ?> m ? m.get(part) : null;
        }
        if (node == null) {
          v.add("spec." + path + " is required");
        }
      }
      return v;
    }

    @SuppressWarnings("unchecked")
    private static void walk(Map<String, Object> node, Map<String, Object> schema, String path, List<String> v) {
      for (Map.Entry<String, Object> e : node.entrySet()) {
        String at = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
        Object expected = schema.get(e.getKey());
        Object value = e.getValue();
        if (expected == null) {
          v.add("unknown field spec." + at);
        } else if (FREE_MAPS.contains(at)) {
          if (!(value instanceof Map<?, ?> m) || !m.values().stream().allMatch(String.class::isInstance)) {
            v.add("spec." + at + " must be a map of strings");
          }
        } else if (expected instanceof Map<?, ?> sub) {
          if (value instanceof Map<?, ?> m) {
            walk((Map<String, Object>) m, (Map<String, Object>) sub, at, v);
          } else {
            v.add("spec." + at + " must be an object");
          }
        } else if (!((Class<?>) expected).isInstance(value)) {
          v.add("spec." + at + " must be a " + ((Class<?>) expected).getSimpleName() + ", is " + value);
        }
      }
    }
  }
}
