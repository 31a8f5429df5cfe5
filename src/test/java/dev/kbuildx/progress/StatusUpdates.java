package dev.kbuildx.progress;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import dev.kbuildx.buildkit.proto.control.StatusResponse;
import dev.kbuildx.buildkit.proto.control.Vertex;
import dev.kbuildx.buildkit.proto.control.VertexLog;
import dev.kbuildx.buildkit.proto.control.VertexStatus;
import dev.kbuildx.buildkit.proto.control.VertexWarning;
import dev.kbuildx.buildkit.proto.ops.ProgressGroup;
import java.nio.charset.StandardCharsets;

/** Builds the {@code Control/Status} messages a daemon sends, with times in seconds from a fixed origin. */
final class StatusUpdates {
  private static final long ORIGIN = 1_700_000_000L;

  private StatusUpdates() {}

  static Timestamp at(double seconds) {
    long nanos = Math.round(seconds * 1e9);
    return Timestamp.newBuilder().setSeconds(ORIGIN + nanos / 1_000_000_000L)
        .setNanos((int) (nanos % 1_000_000_000L)).build();
  }

  static Vertex.Builder vertex(String digest, String name) {
    return Vertex.newBuilder().setDigest(digest).setName(name);
  }

  static Vertex started(String digest, String name, double started) {
    return vertex(digest, name).setStarted(at(started)).build();
  }

  static Vertex completed(String digest, String name, double started, double completed) {
    return vertex(digest, name).setStarted(at(started)).setCompleted(at(completed)).build();
  }

  static Vertex cached(String digest, String name, double at) {
    return vertex(digest, name).setStarted(at(at)).setCompleted(at(at)).setCached(true).build();
  }

  static Vertex failed(String digest, String name, double started, double completed, String error) {
    return vertex(digest, name).setStarted(at(started)).setCompleted(at(completed)).setError(error).build();
  }

  static Vertex grouped(String digest, String name, String group, String groupName, boolean weak, Double started,
      Double completed) {
    Vertex.Builder vertex = vertex(digest, name)
        .setProgressGroup(ProgressGroup.newBuilder().setId(group).setName(groupName).setWeak(weak));
    if (started != null) {
      vertex.setStarted(at(started));
    }
    if (completed != null) {
      vertex.setCompleted(at(completed));
    }
    return vertex.build();
  }

  static VertexStatus.Builder status(String digest, String id, double started, double timestamp) {
    return VertexStatus.newBuilder().setVertex(digest).setID(id).setStarted(at(started)).setTimestamp(at(timestamp));
  }

  static VertexLog log(String digest, double at, String text) {
    return VertexLog.newBuilder().setVertex(digest).setTimestamp(at(at)).setStream(1)
        .setMsg(ByteString.copyFrom(text, StandardCharsets.UTF_8)).build();
  }

  static VertexWarning warning(String digest, String text) {
    return VertexWarning.newBuilder().setVertex(digest).setLevel(1).setShort(ByteString.copyFromUtf8(text)).build();
  }

  static StatusResponse.Builder response() {
    return StatusResponse.newBuilder();
  }
}
