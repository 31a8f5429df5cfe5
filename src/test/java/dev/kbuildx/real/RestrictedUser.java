package dev.kbuildx.real;

import io.fabric8.kubernetes.api.model.AuthInfoBuilder;
import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.NamedAuthInfoBuilder;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A Kubernetes user without any right: a ServiceAccount that no RoleBinding names, and a kubeconfig
 * that authenticates as it with a short-lived token from the TokenRequest API. The token is never
 * printed; {@link #token()} lets a test check that no log holds it.
 *
 * @param kubeconfig the kubeconfig file, whose current context uses the account's namespace
 * @param token the bearer token in it
 */
public record RestrictedUser(Path kubeconfig, String token) {
  private static final long TOKEN_SECONDS = 3600;

  /** Creates the account {@code name} in {@code namespace} and writes its kubeconfig to {@code file}. */
  public static RestrictedUser create(RealCluster cluster, String namespace, String name, Path file) {
    cluster.client().serviceAccounts().inNamespace(namespace).resource(new ServiceAccountBuilder()
        .withNewMetadata().withName(name).endMetadata().build()).create();
    String token = cluster.client().serviceAccounts().inNamespace(namespace).withName(name)
        .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(TOKEN_SECONDS).endSpec().build())
        .getStatus().getToken();
    // The admin kubeconfig's cluster, with the account as the only user of its current context.
    Config config = KubeConfigUtils.parseConfig(cluster.kubeconfig().toFile());
    NamedContext current = config.getContexts().stream()
        .filter(context -> context.getName().equals(config.getCurrentContext()))
        .findFirst().orElseThrow();
    current.getContext().setUser(name);
    current.getContext().setNamespace(namespace);
    config.setContexts(List.of(current));
    config.setUsers(List.of(new NamedAuthInfoBuilder().withName(name)
        .withUser(new AuthInfoBuilder().withToken(token).build()).build()));
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, Serialization.asYaml(config));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the kubeconfig of " + name + " to " + file, e);
    }
    return new RestrictedUser(file, token);
  }

  @Override
  public String toString() {
    return "RestrictedUser[kubeconfig=" + kubeconfig + "]";
  }
}
