package dev.kbuildx.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Real docker credential helpers for tests: shell scripts that speak the helper protocol, written
 * into a folder that tests use as the whole PATH.
 */
final class FakeHelpers {

  /** The secret the fake helpers know; no error message may ever contain it. */
  static final String HELPER_SECRET = "helper-s3cret-7f2c";

  /**
   * docker-credential-test: answers for ghcr.io and Docker Hub (an identity token), sleeps for
   * slow.example (its sleep's pid in sleep.pid beside it), fails with the secret in its output for broken.example, prints non-JSON for
   * garbage.example and "not found" for every other address. It also refuses any action but get.
   */
  private static final String TEST_HELPER = """
      #!/bin/sh
      [ "$1" = get ] || { echo "unexpected action $1"; exit 9; }
      server=$(cat)
      case "$server" in
        ghcr.io) printf '{"ServerURL":"%s","Username":"helper-user","Secret":"%s"}' "$server" "$SECRET" ;;
        https://index.docker.io/v1/) printf '{"ServerURL":"%s","Username":"<token>","Secret":"%s"}' "$server" "$SECRET" ;;
        empty.example) printf '{"ServerURL":"%s","Username":"","Secret":""}' "$server" ;;
        slow.example) sleep 30 & echo $! > "$(dirname "$0")/sleep.pid"; wait ;;
        broken.example) echo "fatal: could not unlock keychain, secret was $SECRET"; exit 3 ;;
        garbage.example) echo "this is no JSON but $SECRET" ;;
        *) echo "credentials not found in native keychain"; exit 1 ;;
      esac
      """.replace("$SECRET", HELPER_SECRET);

  private FakeHelpers() {}

  /** Writes docker-credential-test into the folder and returns a finder that searches only it. */
  static ExecutableFinder install(Path folder) throws IOException {
    write(folder, "docker-credential-test", TEST_HELPER);
    return ExecutableFinder.onPath(folder.toString(), null);
  }

  /** A helper of another name that answers every address with fixed credentials. */
  static void installAnswering(Path folder, String name, String username, String secret) throws IOException {
    write(folder, "docker-credential-" + name, "#!/bin/sh\ncat >/dev/null\n"
        + "printf '{\"ServerURL\":\"x\",\"Username\":\"" + username + "\",\"Secret\":\"" + secret + "\"}'\n");
  }

  private static void write(Path folder, String name, String script) throws IOException {
    Path file = folder.resolve(name);
    Files.writeString(file, script);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
