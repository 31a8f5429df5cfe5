package dev.kbuildx.buildkit.session;

import dev.kbuildx.SettingKey;
import dev.kbuildx.options.CsvOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the value of a build secret ({@code RUN --mount=type=secret,id=...}) is read when the
 * daemon asks for it. Only the id travels in the build request; the value stays in the session.
 */
public sealed interface SecretSource permits SecretSource.FromFile, SecretSource.FromEnvironment,
    SecretSource.FromValue {

  /** The {@link dev.kbuildx.InvalidSettingException#setting()} key of the secrets setting. */
  String SETTING = SettingKey.SECRETS.key();

  String ACCEPTED = "expected id=<id>,src=<file> or id=<id>,env=<VARIABLE> (type=env alone reads the variable"
      + " named like the id)";

  /** The contents of a file. */
  record FromFile(Path file) implements SecretSource {}

  /** The value of an environment variable of the Maven process. */
  record FromEnvironment(String variable) implements SecretSource {}

  /**
   * A value the caller already holds, such as a password decrypted from Maven's settings; its
   * {@code origin} names where it came from in messages. The value is never printed.
   */
  final class FromValue implements SecretSource {
    private final String origin;
    private final byte[] value;

    public FromValue(String origin, byte[] value) {
      this.origin = Objects.requireNonNull(origin, "origin");
      this.value = value.clone();
    }

    /** For messages, such as {@code settings.xml server npm-registry}. */
    public String origin() {
      return origin;
    }

    public byte[] value() {
      return value.clone();
    }

    @Override
    public String toString() {
      return "FromValue[" + origin + "]";
    }
  }

  /** One secret with its id, as {@code --secret} declares it. */
  record Declared(String id, SecretSource source) {}

  /** Reads buildx's {@code --secret} form; a relative {@code src} is resolved against {@code baseDirectory}. */
  static Declared parse(String spec, Path baseDirectory) {
    CsvOptions fields = CsvOptions.parse(spec == null ? "" : spec.trim(), SETTING);
    String type = fields.take("type");
    String id = fields.takeRequired("id", ACCEPTED);
    String file = fields.take("src");
    String alias = fields.take("source");
    file = file == null ? alias : file;
    String variable = fields.take("env");
    fields.requireNoneLeft(ACCEPTED);
    if (type != null && !type.equals("file") && !type.equals("env")) {
      throw fields.invalid("type must be file or env");
    }
    if (file != null && variable != null) {
      throw fields.invalid("give either src or env, not both");
    }
    if ("env".equals(type)) {
      // As in buildx, src names the variable of an env secret, and the id does when neither is given.
      String name = variable != null ? variable : file != null ? file : id;
      return new Declared(id, new FromEnvironment(name));
    }
    if (variable != null) {
      if ("file".equals(type)) {
        throw fields.invalid("type=file reads src, not env");
      }
      return new Declared(id, new FromEnvironment(variable));
    }
    if (file == null || file.isBlank()) {
      throw fields.invalid("src or env is required; " + ACCEPTED);
    }
    Path path = baseDirectory.resolve(file).normalize();
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      // As buildx does, a missing secret file stops the build before a daemon is asked for anything.
      throw fields.invalid("the secret file " + path + " does not exist or is not a readable file");
    }
    return new Declared(id, new FromFile(path));
  }
}
