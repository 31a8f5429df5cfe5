package dev.kbuildx.registry;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A docker credential helper: runs {@code docker-credential-<name> get} with the server address on
 * stdin and reads {@code {"ServerURL", "Username", "Secret"}} from stdout. The helper's output
 * never appears in an error, as it may hold the secret.
 */
public final class CredentialHelper implements CredentialSource {

  public static final String EXECUTABLE_PREFIX = "docker-credential-";

  /** Keychain helpers can wait for an unlock prompt; the daemon gives up on a lookup after 60 s. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private final String name;
  private final ExecutableFinder executables;
  private final Duration timeout;

  public CredentialHelper(String name, ExecutableFinder executables, Duration timeout) {
    this.name = name;
    this.executables = executables;
    this.timeout = timeout;
  }

  public String executable() {
    return EXECUTABLE_PREFIX + name;
  }

  @Override
  public String description() {
    return "credential helper " + executable();
  }

  @Override
  public Optional<RegistryCredentials> lookup(String host) {
    Path path = executables.find(executable())
        .orElseThrow(() -> new RegistryCredentialsException(
            "the docker credential helper " + executable() + " is not on the PATH"));
    String serverAddress = RegistryHosts.dockerConfigKey(host);
    Result result = run(path, serverAddress);
    if (result.exitCode() != 0) {
      if (saysNotFound(result.stdout())) {
        return Optional.empty();
      }
      throw new RegistryCredentialsException(executable() + " get failed for " + serverAddress + " with exit code "
          + result.exitCode() + "; run 'echo " + serverAddress + " | " + executable() + " get' to see why");
    }
    return parse(result.stdout(), serverAddress);
  }

  private record Result(int exitCode, byte[] stdout) {}

  private Result run(Path path, String serverAddress) {
    Process process;
    try {
      process = new ProcessBuilder(path.toString(), "get").redirectError(Redirect.DISCARD).start();
    } catch (IOException e) {
      throw new RegistryCredentialsException("cannot run " + executable() + ": " + e.getMessage(), e);
    }
    // Read stdout while the helper runs: waiting first could deadlock on a full pipe.
    FutureTask<byte[]> stdout = new FutureTask<>(() -> readAll(process.getInputStream()));
    Thread reader = new Thread(stdout, executable() + " output");
    reader.setDaemon(true);
    reader.start();
    try {
      writeServerAddress(process, serverAddress);
      long deadline = System.nanoTime() + timeout.toNanos();
      if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        throw new RegistryCredentialsException(
            executable() + " get did not answer for " + serverAddress + " within " + timeout.toSeconds() + " s");
      }
      byte[] output = stdout.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      return new Result(process.exitValue(), output);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryCredentialsException("interrupted while " + executable() + " was running");
    } catch (TimeoutException e) {
      throw new RegistryCredentialsException(
          executable() + " get did not close its output within " + timeout.toSeconds() + " s");
    } catch (ExecutionException e) {
      throw new RegistryCredentialsException("cannot read the answer of " + executable(), e.getCause());
    } finally {
      if (process.isAlive()) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    try (in) {
      return in.readAllBytes();
    }
  }

  private static void writeServerAddress(Process process, String serverAddress) {
    try (OutputStream stdin = process.getOutputStream()) {
      stdin.write(serverAddress.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // The helper exited without reading its input; its exit code says what went wrong.
    }
  }

  /** docker-credential-helpers print "credentials not found in native keychain" with exit code 1. */
  private static boolean saysNotFound(byte[] stdout) {
    return new String(stdout, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT).contains("credentials not found");
  }

  private Optional<RegistryCredentials> parse(byte[] stdout, String serverAddress) {
    HelperAnswer answer;
    try {
      answer = RegistryJson.MAPPER.readValue(stdout, HelperAnswer.class);
    } catch (IOException e) {
      throw new RegistryCredentialsException(
          executable() + " get printed no credentials JSON for " + serverAddress);
    }
    String username = answer == null || answer.username() == null ? "" : answer.username();
    String secret = answer == null || answer.secret() == null ? "" : answer.secret();
    if (username.isEmpty() && secret.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new RegistryCredentials(username, secret));
  }

  private record HelperAnswer(@JsonProperty("Username") String username, @JsonProperty("Secret") String secret) {}
}
