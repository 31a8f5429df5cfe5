package dev.kbuildx.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TransferredContextTest {
  @Test
  void readsTheLastSizeOfTheBuildContextVertexOnly() {
    String progress = """
        #2 [internal] load .dockerignore
        #2 transferring context: 2B done
        #3 [internal] load build context
        #3 transferring context: 1.05MB 0.5s
        #3 transferring context: 2.10MB 0.9s done
        #3 DONE 1.0s
        """;

    assertThat(TransferredContext.bytes(progress)).hasValue(2_100_000);
  }

  @Test
  void readsMavensLogLinesAndDecimalUnits() {
    String progress = """
        [INFO] #3 [internal] load build context
        [INFO] #3 transferring context:
        [INFO] #3 transferring context: 1.05GB 12.1s done
        """;

    assertThat(TransferredContext.bytes(progress)).hasValue(1_050_000_000);
  }

  @Test
  void isEmptyWithoutAContextTransfer() {
    assertThat(TransferredContext.bytes("#1 [internal] load build definition from Dockerfile\n#1 DONE 0.0s\n"))
        .isEmpty();
  }
}
