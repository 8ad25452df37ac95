package io.rwaprime.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.yaml.snakeyaml.Yaml;

/**
 * The manifests under {@code kubernetes/} and {@code istio/} as the tests see them: every overlay rendered by
 * {@link #render}, and small accessors for the rendered YAML trees.
 *
 * <p>No kustomize binary is needed: {@link #render} is a minimal kustomize for the subset the manifests use —
 * a {@code kustomization.yaml} with {@code resources} (files, or folders holding a kustomization) and
 * {@code patches} whose {@code target} names a kind and a name and whose {@code patch} is an inline list of
 * JSON6902 operations ({@code add}, {@code replace}, {@code remove}). Anything else in a kustomization fails
 * the render, so the manifests cannot silently drift past what is checked. Where {@code kubectl} exists,
 * {@code DeploymentManifestsTest} checks that the real kustomize renders the same objects.
 */
final class Manifests {

  static final Path ROOT = repoRoot();
  private static final Set<String> KUSTOMIZATION_FIELDS = Set.of("apiVersion", "kind", "resources", "patches");

  private Manifests() {}

  /** Every folder under {@code kubernetes/overlays}, sorted by name. */
  static List<Path> overlays() {
    try (Stream<Path> s = Files.list(ROOT.resolve("kubernetes/overlays"))) {
      return s.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The overlay {@code kubernetes/overlays/<name>}, rendered. */
  static List<Map<String, Object>> overlay(String name) {
    return render(ROOT.resolve("kubernetes/overlays/" + name));
  }

  /** Renders the kustomization in {@code dir}: its resources in order, then its patches. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> render(Path dir) {
    Map<String, Object> k = (Map<String, Object>) loadAll(dir.resolve("kustomization.yaml")).get(0);
    Set<String> unsupported = new TreeSet<>(k.keySet());
    unsupported.removeAll(KUSTOMIZATION_FIELDS);
    assertThat(unsupported).as(dir + "/kustomization.yaml uses fields this test's renderer does not support").isEmpty();
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object r : (List<Object>) k.getOrDefault("resources", List.of())) {
      Path p = dir.resolve(String.valueOf(r)).normalize();
      if (Files.isDirectory(p)) {
        out.addAll(render(p));
      } else {
        loadAll(p).stream().filter(Objects::nonNull).forEach(o -> out.add((Map<String, Object>) o));
      }
    }
    for (Map<String, Object> patch : (List<Map<String, Object>>) k.getOrDefault("patches", List.of())) {
      Map<String, Object> target = map(patch, "target");
      assertThat(target.keySet()).as("patch target in " + dir + ": kind and name only").containsExactlyInAnyOrder("kind", "name");
      Map<String, Object> obj = find(out, String.valueOf(target.get("kind")), String.valueOf(target.get("name")));
      for (Map<String, Object> op : (List<Map<String, Object>>) new Yaml().load(String.valueOf(patch.get("patch")))) {
        applyOp(obj, op, dir);
      }
    }
    return out;
  }

  /** One JSON6902 operation (add, replace, remove) with an RFC 6901 pointer. */
  @SuppressWarnings("unchecked")
  private static void applyOp(Map<String, Object> obj, Map<String, Object> op, Path dir) {
    String what = dir + ": " + op;
    String[] parts = String.valueOf(op.get("path")).substring(1).split("/");
    Object parent = obj;
    for (int i = 0; i < parts.length - 1; i++) {
      String key = unescape(parts[i]);
      parent = parent instanceof List<?> l ? l.get(Integer.parseInt(key)) : ((Map<String, Object>) parent).get(key);
      assertThat(parent).as("patch path does not exist: " + what).isNotNull();
    }
    String last = unescape(parts[parts.length - 1]);
    String kind = String.valueOf(op.get("op"));
    if (parent instanceof List<?> l) {
      List<Object> list = (List<Object>) l;
      switch (kind) {
        case "add" -> {
          if (last.equals("-")) {
            list.add(op.get("value"));
          } else {
            list.add(Integer.parseInt(last), op.get("value"));
          }
        }
        case "replace" -> list.set(Integer.parseInt(last), op.get("value"));
        case "remove" -> list.remove(Integer.parseInt(last));
        default -> throw new AssertionError("unsupported op: " + what);
      }
    } else {
      Map<String, Object> m = (Map<String, Object>) parent;
      switch (kind) {
        case "add" -> m.put(last, op.get("value"));
        case "replace", "remove" -> {
          assertThat(m).as(kind + " of a missing path (kustomize refuses it): " + what).containsKey(last);
          if (kind.equals("replace")) {
            m.put(last, op.get("value"));
          } else {
            m.remove(last);
          }
        }
        default -> throw new AssertionError("unsupported op: " + what);
      }
    }
  }

  private static String unescape(String token) {
    return token.replace("~1", "/").replace("~0", "~");
  }

  static List<Object> loadAll(Path file) {
    try {
      List<Object> docs = new ArrayList<>();
      new Yaml().loadAll(Files.readString(file)).forEach(docs::add);
      return docs;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path repoRoot() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("kubernetes/overlays"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("kubernetes/overlays not found above " + Path.of("").toAbsolutePath());
    }
    return p;
  }

  static List<Map<String, Object>> ofKind(List<Map<String, Object>> objects, String kind) {
    return objects.stream().filter(o -> kind.equals(kind(o))).toList();
  }

  static Map<String, Object> find(List<Map<String, Object>> objects, String kind, String name) {
    List<Map<String, Object>> found = objects.stream().filter(o -> kind.equals(kind(o)) && name.equals(name(o))).toList();
    assertThat(found).as(kind + " " + name + " (exactly one, across namespaces)").hasSize(1);
    return found.get(0);
  }

  static String kind(Map<String, Object> o) {
    return String.valueOf(o.get("kind"));
  }

  static String name(Map<String, Object> o) {
    return String.valueOf(map(o, "metadata").get("name"));
  }

  static List<Map<String, Object>> containers(Map<String, Object> deployment) {
    return maps(map(map(map(deployment, "spec"), "template"), "spec"), "containers");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Map<String, Object> m, String key) {
    Object v = m == null ? null : m.get(key);
    return v instanceof Map<?, ?> ? (Map<String, Object>) v : new LinkedHashMap<>();
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> maps(Map<String, Object> m, String key) {
    return list(m, key);
  }

  @SuppressWarnings("unchecked")
  static <T> List<T> list(Map<String, Object> m, String key) {
    Object v = m == null ? null : m.get(key);
    return v instanceof List<?> ? (List<T>) v : new ArrayList<>();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> deepCopy(Map<String, Object> m) {
    Yaml yaml = new Yaml();
    return (Map<String, Object>) yaml.load(yaml.dump(m));
  }
}
