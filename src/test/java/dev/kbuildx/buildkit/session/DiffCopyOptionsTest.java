package dev.kbuildx.buildkit.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Metadata;
import org.junit.jupiter.api.Test;

class DiffCopyOptionsTest {

  @Test
  void readsOneItemPerHeaderValue() {
    Metadata headers = headers("dir-name", "context", "exclude-patterns", "target", "exclude-patterns", "!target/keep",
        "followpaths", "Dockerfile");

    DiffCopyOptions options = DiffCopyOptions.from(headers);

    assertThat(options.dirName()).isEqualTo("context");
    assertThat(options.excludePatterns()).containsExactly("target", "!target/keep");
    assertThat(options.followPaths()).containsExactly("Dockerfile");
  }

  @Test
  void absentHeadersAreNull() {
    DiffCopyOptions options = DiffCopyOptions.from(headers("dir-name", "dockerfile"));

    assertThat(options.includePatterns()).isNull();
    assertThat(options.excludePatterns()).isNull();
    assertThat(options.followPaths()).isNull();
  }

  @Test
  void aMissingDirNameIsEmpty() {
    assertThat(DiffCopyOptions.from(new Metadata()).dirName()).isEmpty();
  }

  @Test
  void decodesValuesMarkedAsEncoded() {
    Metadata headers = headers("include-patterns", "caf%C3%A9", "include-patterns", "a+b%2Bc",
        "include-patterns-encoded", "true", "exclude-patterns", "a+b");

    DiffCopyOptions options = DiffCopyOptions.from(headers);

    assertThat(options.includePatterns()).containsExactly("caf\u00e9", "a b+c");
    assertThat(options.excludePatterns()).containsExactly("a+b");
  }

  @Test
  void anEncodedFlagThatIsNotTrueLeavesValuesAsTheyAre() {
    Metadata headers = headers("followpaths", "a%20b", "followpaths-encoded", "0");

    assertThat(DiffCopyOptions.from(headers).followPaths()).containsExactly("a%20b");
  }

  @Test
  void aMalformedEncodedValueBecomesEmpty() {
    Metadata headers = headers("exclude-patterns", "%zz", "exclude-patterns-encoded", "1");

    assertThat(DiffCopyOptions.from(headers).excludePatterns()).containsExactly("");
  }

  private static Metadata headers(String... pairs) {
    Metadata headers = new Metadata();
    for (int i = 0; i < pairs.length; i += 2) {
      headers.put(CallMetadata.key(pairs[i]), pairs[i + 1]);
    }
    return headers;
  }
}
