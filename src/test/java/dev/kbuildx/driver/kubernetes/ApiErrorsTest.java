package dev.kbuildx.driver.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.File;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The forms the real cluster produces are asserted in KubernetesApiFaultsRealTest; these are the fallbacks. */
class ApiErrorsTest {
  private static final ApiServer SERVER =
      new ApiServer("https://k8s.example:6443/", "ci", new File("kubeconfig"), Duration.ofSeconds(10));

  @Test
  void aRefusalWithoutTheUsualPrefixIsQuotedWhole() {
    String message = ApiErrors.message(SERVER, new KubernetesClientException(status(403, "access denied")));

    assertThat(message).isEqualTo("permission denied: access denied; " + ApiErrors.RBAC_PAGE);
  }

  @Test
  void rejectedCredentialsNameTheServerAndWhatToRenew() {
    assertThat(ApiErrors.message(SERVER, new KubernetesClientException(status(401, "Unauthorized"))))
        .isEqualTo("the Kubernetes API server https://k8s.example:6443/ (context \"ci\", kubeconfig kubeconfig) did"
            + " not accept the credentials of the kubeconfig's user (Unauthorized); its token or certificate may have"
            + " expired: renew it, then check with kubectl get namespaces");
  }

  @Test
  void otherErrorsAreTheServersWordsOnly() {
    assertThat(ApiErrors.message(SERVER, new KubernetesClientException(status(409, "the object has been modified"))))
        .isEqualTo("the object has been modified");
  }

  private static Status status(int code, String message) {
    return new StatusBuilder().withCode(code).withMessage(message).build();
  }
}
