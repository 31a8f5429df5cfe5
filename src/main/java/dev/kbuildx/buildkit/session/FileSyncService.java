package dev.kbuildx.buildkit.session;

import dev.kbuildx.buildkit.proto.filesync.FileSyncGrpc;
import dev.kbuildx.buildkit.proto.fsutil.Packet;
import io.grpc.BindableService;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code moby.filesync.v1.FileSync}: uploads local directories (build context, Dockerfile directory,
 * named contexts) when the daemon asks for them by local name. Several transfers may run at once,
 * each with its own listing and ids.
 */
public final class FileSyncService implements FileSyncGrpc.AsyncService, BindableService {
  private final Map<String, Path> directories;
  private final UploadCounters counters = new UploadCounters();

  /**
   * @param directories the directories the daemon may read, by local name ({@code context},
   *                    {@code dockerfile}, …); other names are refused
   */
  public FileSyncService(Map<String, Path> directories) {
    this.directories = Map.copyOf(directories);
  }

  /** What was uploaded so far. */
  public UploadCounters counters() {
    return counters;
  }

  @Override
  public ServerServiceDefinition bindService() {
    return ServerInterceptors.intercept(FileSyncGrpc.bindService(this), CallMetadata.INTERCEPTOR);
  }

  @Override
  public StreamObserver<Packet> diffCopy(StreamObserver<Packet> responseObserver) {
    DiffCopyOptions options = DiffCopyOptions.from(CallMetadata.current());
    Path root = directories.get(options.dirName());
    if (root == null) {
      // NOT_FOUND makes the daemon try another session of the same build, if there is one.
      responseObserver.onError(Status.NOT_FOUND
          .withDescription("no access allowed to dir \"" + options.dirName() + "\"").asRuntimeException());
      return new DiscardingObserver<>();
    }
    return DiffCopySender.start(root, options, (ServerCallStreamObserver<Packet>) responseObserver, counters);
  }
}
