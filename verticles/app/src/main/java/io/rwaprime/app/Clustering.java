package io.rwaprime.app;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.rwaprime.common.config.RwaConfig;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

/**
 * Hazelcast membership for the clustered event bus. Starts from vertx-hazelcast's default cluster
 * configuration (it defines the {@code __vertx.*} maps the cluster manager relies on) and replaces the
 * join: TCP/IP members from the configuration, or Kubernetes discovery through a headless service;
 * multicast and auto-detection are always off.
 */
final class Clustering {

  private Clustering() {}

  static HazelcastClusterManager clusterManager(RwaConfig.Cluster cfg) {
    Config hz = ConfigUtil.loadConfig();
    hz.setClusterName(cfg.clusterName());
    hz.setProperty("hazelcast.logging.type", "slf4j");
    hz.setProperty("hazelcast.phone.home.enabled", "false");
    // Vert.x leaves the cluster itself during its ordered shutdown
    hz.setProperty("hazelcast.shutdownhook.enabled", "false");
    // a killed member is noticed in seconds, not the default minute
    hz.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    hz.setProperty("hazelcast.max.no.heartbeat.seconds", "10");
    hz.setProperty("hazelcast.merge.first.run.delay.seconds", "5");

    NetworkConfig network = hz.getNetworkConfig();
    network.setPort(cfg.port()).setPortAutoIncrement(false);
    boolean anyHost = cfg.host().equals("0.0.0.0");
    if (!anyHost) {
      network.getInterfaces().setEnabled(true).addInterface(cfg.host());
      network.setPublicAddress(cfg.host() + ":" + cfg.port());
    }
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    if (!cfg.kubernetesServiceDns().isBlank()) {
      join.getTcpIpConfig().setEnabled(false);
      join.getKubernetesConfig().setEnabled(true)
          .setProperty("service-dns", cfg.kubernetesServiceDns())
          .setProperty("service-port", Integer.toString(cfg.port()));
    } else {
      join.getKubernetesConfig().setEnabled(false);
      join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(3);
      if (cfg.members().isEmpty()) {
        join.getTcpIpConfig().addMember(cfg.host() + ":" + cfg.port());
      } else {
        cfg.members().forEach(m -> join.getTcpIpConfig().addMember(m));
      }
    }
    return new HazelcastClusterManager(hz);
  }
}
