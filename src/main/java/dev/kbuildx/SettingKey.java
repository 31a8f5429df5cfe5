package dev.kbuildx;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every user setting that an {@link InvalidSettingException} can name, in one list: the core
 * throws {@link #key()}, the Maven layer maps each constant to the element and property the user
 * wrote (and a test there proves that every constant has its location). Driver options are not
 * here: they are named by their buildx key.
 */
public enum SettingKey {
  // The builder and its nodes.
  BUILDER("builder"),
  NODE("node"),
  NODE_PLATFORMS("nodePlatforms"),
  NODE_ENDPOINT("nodeEndpoint"),
  NODE_DRIVER("nodeDriver"),
  DRIVER_OPTS("driverOpts"),
  BUILDKITD_FLAGS("buildkitdFlags"),
  BUILDKITD_CONFIG("buildkitdConfig"),
  NAMESPACE("namespace"),
  KUBECONFIG("kubeconfig"),
  KUBE_CONTEXT("kubeContext"),
  CONNECT_TIMEOUT("connectTimeout"),
  // The daemon of kbuildx:build.
  ENDPOINT("endpoint"),
  DOCKER_HOST("DOCKER_HOST"),
  // What kbuildx:build builds and where the result goes.
  CONTEXT("context"),
  DOCKERFILE("dockerfile"),
  TARGET("target"),
  BUILD_ARGS("buildArgs"),
  LABELS("labels"),
  PLATFORMS("platforms"),
  NETWORK("network"),
  ADD_HOSTS("addHosts"),
  SHM_SIZE("shmSize"),
  ULIMITS("ulimits"),
  BUILD_CONTEXTS("buildContexts"),
  SECRETS("secrets"),
  SSH("ssh"),
  OUTPUTS("outputs"),
  CACHE_FROM("cacheFrom"),
  CACHE_TO("cacheTo"),
  TAGS("tags"),
  PUSH("push"),
  LOAD("load"),
  ATTESTATIONS("attestations"),
  SOURCE_DATE_EPOCH("sourceDateEpoch"),
  OUTPUT_TIMESTAMP("outputTimestamp"),
  // The builder care goals (inspect, du, prune) and what ls, inspect and du print.
  FILTERS("filters"),
  KEEP_DURATION("keepDuration"),
  RESERVED_SPACE("reservedSpace"),
  MAX_USED_SPACE("maxUsedSpace"),
  MIN_FREE_SPACE("minFreeSpace"),
  FORMAT("format");

  private final String key;

  SettingKey(String key) {
    this.key = key;
  }

  /** The stable name that {@link InvalidSettingException#setting()} returns. */
  public String key() {
    return key;
  }

  /** The constant of a key, empty for what is no user setting (such as a platform a daemon reports). */
  public static Optional<SettingKey> of(String key) {
    return Arrays.stream(values()).filter(setting -> setting.key.equals(key)).findFirst();
  }
}
