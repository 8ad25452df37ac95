package io.rwaprime.app;

import io.rwaprime.alerts.AlertsRole;
import io.rwaprime.api.ApiRole;
import io.rwaprime.bridge.BridgeRole;
import io.rwaprime.cleansing.CleansingRole;
import io.rwaprime.common.role.Role;
import io.rwaprime.fanout.FanoutRole;
import io.rwaprime.forecasting.ForecastingRole;
import io.rwaprime.ingestion.IngestionRole;
import io.rwaprime.ingestion.onchain.OnchainRole;
import io.rwaprime.risk.RiskRole;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The roles this jar can run, in deployment order (consumers before the sources that feed them). */
final class Roles {

  private static final Map<String, Role> KNOWN = new LinkedHashMap<>();

  static {
    for (Role role : List.of(new CleansingRole(), new RiskRole(), new ForecastingRole(), new ApiRole(), new FanoutRole(), new AlertsRole(), new BridgeRole(), new OnchainRole(), new IngestionRole())) {
      KNOWN.put(role.name(), role);
    }
  }

  private Roles() {}

  /** Turns the {@code --roles} values into known role names, in deployment order. */
  static List<String> resolve(List<String> requested) {
    Set<String> wanted = new LinkedHashSet<>();
    for (String r : requested) {
      String name = r.trim().toLowerCase(java.util.Locale.ROOT);
      if (name.isEmpty()) {
        continue;
      }
      if (name.equals("all")) {
        wanted.addAll(KNOWN.keySet());
      } else if (KNOWN.containsKey(name)) {
        wanted.add(name);
      } else {
        throw new IllegalArgumentException("unknown role '" + r.trim() + "' (known: all, " + String.join(", ", KNOWN.keySet()) + ")");
      }
    }
    if (wanted.isEmpty()) {
      throw new IllegalArgumentException("--roles names no role (known: all, " + String.join(", ", KNOWN.keySet()) + ")");
    }
    List<String> ordered = new ArrayList<>();
    for (String name : KNOWN.keySet()) {
      if (wanted.contains(name)) {
        ordered.add(name);
      }
    }
    return ordered;
  }

  static Role get(String name) {
    return KNOWN.get(name);
  }

  static Set<String> names() {
    return KNOWN.keySet();
  }

  /** Completion candidates for picocli's help text. */
  static final class Names implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return KNOWN.keySet().iterator();
    }
  }
}
