package dev.kbuildx.buildkit.session;

import com.google.protobuf.ByteString;
import dev.kbuildx.KbuildxException;
import dev.kbuildx.buildkit.proto.secrets.GetSecretRequest;
import dev.kbuildx.buildkit.proto.secrets.GetSecretResponse;
import dev.kbuildx.buildkit.proto.secrets.SecretsGrpc;
import dev.kbuildx.progress.ProgressLog;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The session's Secrets service: serves the secrets the POM declares, by id, to
 * {@code RUN --mount=type=secret}. Unknown ids answer {@code NOT_FOUND}, which the daemon reports as
 * a missing secret (fatal unless the mount is optional); it also probes git auth ids this way.
 */
public final class SecretsService extends SecretsGrpc.SecretsImplBase {

  private final Map<String, SecretReader> secrets;
  private final ProgressLog log;

  public SecretsService(Map<String, SecretReader> secrets, ProgressLog log) {
    this.secrets = Map.copyOf(secrets);
    this.log = log;
  }

  /** Serves the secrets a build declares, by id. */
  public static SecretsService forBuild(Map<String, SecretSource> declared, ProgressLog log) {
    return new SecretsService(declared.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, entry -> SecretReader.of(entry.getValue()))), log);
  }

  @Override
  public void getSecret(GetSecretRequest request, StreamObserver<GetSecretResponse> responseObserver) {
    String id = request.getID();
    SecretReader reader = secrets.get(id);
    if (reader == null) {
      responseObserver.onError(Status.NOT_FOUND.withDescription("secret " + id + " not found").asRuntimeException());
      return;
    }
    byte[] data;
    try {
      data = reader.read();
    } catch (KbuildxException e) {
      String message = "secret " + id + ": " + e.getMessage();
      log.warn("Cannot read " + message);
      responseObserver.onError(Status.FAILED_PRECONDITION.withDescription(message).asRuntimeException());
      return;
    }
    log.debug("Secret " + id + " sent from " + reader.description() + " (" + data.length + " bytes)");
    responseObserver.onNext(GetSecretResponse.newBuilder().setData(ByteString.copyFrom(data)).build());
    responseObserver.onCompleted();
  }
}
