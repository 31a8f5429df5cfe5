package dev.kbuildx.driver.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;

class ApiErrorsTest {
  private static final String FORBIDDEN = "deployments.apps is forbidden: User \"system:serviceaccount:ci:nobody\""
      + " cannot list resource \"deployments\" in API group \"apps\" in the namespace \"ci\"";

  @Test
  void aRefusalKeepsTheServersWordsAndPointsToTheRbacPage() {
    String message = ApiErrors.message(new KubernetesClientException(status(403, FORBIDDEN)));

    assertThat(message).startsWith(FORBIDDEN).contains("lacks this RBAC permission").contains("rbac.html");
  }

  @Test
  void otherErrorsAreTheServersWordsOnly() {
    assertThat(ApiErrors.message(new KubernetesClientException(status(409, "the object has been modified"))))
        .isEqualTo("the object has been modified");
  }

  private static Status status(int code, String message) {
    return new StatusBuilder().withCode(code).withMessage(message).build();
  }
}
