package dev.kbuildx.buildkit.session;

import dev.kbuildx.KbuildxException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Reads a build secret when the daemon asks for it, not before, so a secret the build never
 * mounts need not exist.
 */
public interface SecretReader {

  /** BuildKit's own secrets provider refuses larger secrets; so do we, for the same builds to work. */
  int MAX_SIZE = 500 * 1024;

  /** The secret's bytes; a failure names the file or variable, never content. */
  byte[] read();

  /** For messages: {@code file <path>} or {@code environment variable <name>}. */
  String description();

  static SecretReader file(Path file) {
    return new FileSecret(file);
  }

  static SecretReader environmentVariable(String name) {
    return environmentVariable(name, System::getenv);
  }

  /** A variable of the given environment, for tests and for environments assembled by the caller. */
  static SecretReader environmentVariable(String name, Function<String, String> environment) {
    return new EnvironmentSecret(name, environment);
  }

  /** Reads a secret as the build declares it: from this process's environment, a file or a held value. */
  static SecretReader of(SecretSource source) {
    if (source instanceof SecretSource.FromFile fromFile) {
      return file(fromFile.file());
    }
    if (source instanceof SecretSource.FromValue fromValue) {
      return new HeldSecret(fromValue);
    }
    return environmentVariable(((SecretSource.FromEnvironment) source).variable());
  }

  /** A secret in a file, read whole. */
  record FileSecret(Path file) implements SecretReader {
    @Override
    public byte[] read() {
      byte[] data;
      try (InputStream in = Files.newInputStream(file)) {
        data = in.readNBytes(MAX_SIZE + 1);
      } catch (NoSuchFileException e) {
        throw new KbuildxException("the secret file " + file + " does not exist");
      } catch (IOException e) {
        throw new KbuildxException("cannot read the secret file " + file + ": " + e.getMessage(), e);
      }
      if (data.length > MAX_SIZE) {
        throw new KbuildxException("the secret file " + file + " is larger than " + MAX_SIZE / 1024 + " KiB");
      }
      return data;
    }

    @Override
    public String description() {
      return "file " + file;
    }
  }

  /** A secret in an environment variable; set but empty is an empty secret. */
  record EnvironmentSecret(String name, Function<String, String> environment) implements SecretReader {
    @Override
    public byte[] read() {
      String value = environment.apply(name);
      if (value == null) {
        throw new KbuildxException("the environment variable " + name + " of the secret is not set");
      }
      byte[] data = value.getBytes(StandardCharsets.UTF_8);
      if (data.length > MAX_SIZE) {
        throw new KbuildxException("the environment variable " + name + " is larger than " + MAX_SIZE / 1024 + " KiB");
      }
      return data;
    }

    @Override
    public String description() {
      return "environment variable " + name;
    }

    @Override
    public String toString() {
      return "EnvironmentSecret[" + name + "]";
    }
  }

  /** A value resolved before the build, such as a decrypted settings.xml password. */
  record HeldSecret(SecretSource.FromValue source) implements SecretReader {
    @Override
    public byte[] read() {
      byte[] data = source.value();
      if (data.length > MAX_SIZE) {
        throw new KbuildxException(
            "the secret from " + source.origin() + " is larger than " + MAX_SIZE / 1024 + " KiB");
      }
      return data;
    }

    @Override
    public String description() {
      return source.origin();
    }
  }
}
