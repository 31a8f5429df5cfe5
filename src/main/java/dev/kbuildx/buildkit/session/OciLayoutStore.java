package dev.kbuildx.buildkit.session;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The blobs of an OCI image layout directory ({@code oci-layout}, {@code blobs/<algorithm>/<hex>}),
 * as a content store. Blobs are written to a temporary file beside their final place and renamed
 * into it only once verified, so a reader never sees a partial blob. Labels live only as long as
 * this object: BuildKit sets them while it works but an OCI layout has no place for them.
 */
final class OciLayoutStore {
  static final String LAYOUT_FILE = "oci-layout";
  private static final String LAYOUT_VERSION = "{\"imageLayoutVersion\":\"1.0.0\"}";
  private static final String INGEST_PREFIX = ".ingest-";

  private final Path root;
  private final Map<BlobDigest, Map<String, String>> labels = new ConcurrentHashMap<>();

  private final Map<String, ContentIngest> ingests = new ConcurrentHashMap<>();

  OciLayoutStore(Path root) {
    this.root = root;
  }

  /** A committed blob's size and times, or empty when the store lacks it. */
  Optional<BasicFileAttributes> attributes(BlobDigest digest) throws IOException {
    Path blob = digest.pathIn(root);
    if (!Files.isRegularFile(blob)) {
      return Optional.empty();
    }
    return Optional.of(Files.readAttributes(blob, BasicFileAttributes.class));
  }

  Path blob(BlobDigest digest) {
    return digest.pathIn(root);
  }

  Map<String, String> labels(BlobDigest digest) {
    return labels.getOrDefault(digest, Map.of());
  }

  void setLabels(BlobDigest digest, Map<String, String> values) {
    labels.put(digest, Map.copyOf(values));
  }

  /**
   * Starts a write under {@code ref}, into a new file on the same file system as the blobs.
   *
   * @return empty while another call writes under the same ref
   */
  Optional<ContentIngest> startIngest(String ref) throws IOException {
    Path blobs = Files.createDirectories(root.resolve("blobs"));
    ContentIngest ingest = new ContentIngest(ref, Files.createTempFile(blobs, INGEST_PREFIX, ""));
    if (ingests.putIfAbsent(ref, ingest) != null) {
      ingest.discard();
      return Optional.empty();
    }
    return Optional.of(ingest);
  }

  Optional<ContentIngest> ingest(String ref) {
    return Optional.ofNullable(ingests.get(ref));
  }

  /** Forgets a write that was committed or given up; deletes what it left. */
  void endIngest(ContentIngest ingest) {
    ingests.remove(ingest.ref(), ingest);
    ingest.discard();
  }

  /** Moves a verified file into place and makes the directory a valid OCI layout. */
  void commit(Path ingestFile, BlobDigest digest) throws IOException {
    Path target = digest.pathIn(root);
    Files.createDirectories(target.getParent());
    try {
      Files.move(ingestFile, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(ingestFile, target, StandardCopyOption.REPLACE_EXISTING);
    }
    Path layout = root.resolve(LAYOUT_FILE);
    if (!Files.exists(layout)) {
      Files.writeString(layout, LAYOUT_VERSION, StandardCharsets.UTF_8);
    }
  }
}
