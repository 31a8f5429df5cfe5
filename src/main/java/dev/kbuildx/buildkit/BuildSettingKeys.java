package dev.kbuildx.buildkit;

import dev.kbuildx.buildkit.session.SecretSource;

/**
 * The {@link dev.kbuildx.InvalidSettingException#setting()} keys of a {@link DockerfileBuild}. Each
 * names one thing the user sets; the Maven layer maps it to the element and property they wrote.
 */
public final class BuildSettingKeys {
  public static final String CONTEXT = "context";
  public static final String DOCKERFILE = "dockerfile";
  public static final String TARGET = "target";
  public static final String BUILD_ARGS = "buildArgs";
  public static final String LABELS = "labels";
  public static final String PLATFORMS = "platforms";
  public static final String NETWORK = "network";
  public static final String ADD_HOSTS = "addHosts";
  public static final String SHM_SIZE = "shmSize";
  public static final String ULIMITS = "ulimits";
  public static final String BUILD_CONTEXTS = "buildContexts";
  public static final String SECRETS = SecretSource.SETTING;
  public static final String OUTPUTS = "outputs";
  public static final String CACHE_FROM = "cacheFrom";
  public static final String CACHE_TO = "cacheTo";
  public static final String SOURCE_DATE_EPOCH = "sourceDateEpoch";
  public static final String OUTPUT_TIMESTAMP = "outputTimestamp";

  private BuildSettingKeys() {}
}
