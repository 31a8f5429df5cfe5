package dev.kbuildx.buildkit.session;

import dev.kbuildx.buildkit.proto.filesync.FileSendGrpc;
import io.grpc.BindableService;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code moby.filesync.v1.FileSend}: receives exporter output at the end of a solve. The daemon
 * says which exporter a call belongs to (its index in {@code SolveRequest.Exporters}); archives
 * are written to a file or stream, a {@code local} export is received file by file into a directory.
 */
public final class FileSendService implements BindableService {
  static final MethodDescriptor<byte[], byte[]> DIFF_COPY = MethodDescriptor.<byte[], byte[]>newBuilder()
      .setType(MethodDescriptor.MethodType.BIDI_STREAMING)
      .setFullMethodName(MethodDescriptor.generateFullMethodName(FileSendGrpc.SERVICE_NAME, "DiffCopy"))
      .setRequestMarshaller(RawBytesMarshaller.INSTANCE)
      .setResponseMarshaller(RawBytesMarshaller.INSTANCE)
      .build();
  private static final String EXPORTER_ID = "buildkit-attachable-exporter-id";
  private static final String EXPORTER_METADATA_PREFIX = "exporter-md-";

  private final Map<Integer, ExportTarget> targets;

  /** @param targets where each exporter's output goes, by the exporter's index in the solve request */
  public FileSendService(Map<Integer, ExportTarget> targets) {
    this.targets = Map.copyOf(targets);
  }

  /** For a solve with a single exporter. */
  public FileSendService(ExportTarget target) {
    this(Map.of(0, target));
  }

  @Override
  public ServerServiceDefinition bindService() {
    ServerServiceDefinition definition = ServerServiceDefinition.builder(FileSendGrpc.SERVICE_NAME)
        .addMethod(DIFF_COPY, ServerCalls.asyncBidiStreamingCall(this::diffCopy))
        .build();
    return ServerInterceptors.intercept(definition, CallMetadata.INTERCEPTOR);
  }

  private StreamObserver<byte[]> diffCopy(StreamObserver<byte[]> responseObserver) {
    Metadata headers = CallMetadata.current();
    int exporter = exporterIndex(headers);
    ExportTarget target = targets.get(exporter);
    if (target == null) {
      responseObserver.onError(Status.FAILED_PRECONDITION
          .withDescription("no output destination for exporter " + exporter).asRuntimeException());
      return new DiscardingObserver<>();
    }
    ServerCallStreamObserver<byte[]> out = (ServerCallStreamObserver<byte[]>) responseObserver;
    if (target instanceof ExportTarget.Directory directory) {
      return DirectoryReceiver.start(directory.directory(), out);
    }
    return ArchiveReceiver.start(target, exporterMetadata(headers), out);
  }

  /** Daemons before v0.13 support one exporter and send no id. */
  private static int exporterIndex(Metadata headers) {
    String value = headers.get(CallMetadata.key(EXPORTER_ID));
    if (value == null) {
      return 0;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static Map<String, String> exporterMetadata(Metadata headers) {
    Map<String, String> metadata = new LinkedHashMap<>();
    for (String key : headers.keys()) {
      if (key.startsWith(EXPORTER_METADATA_PREFIX) && !key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
        Iterable<String> values = headers.getAll(CallMetadata.key(key));
        metadata.put(key.substring(EXPORTER_METADATA_PREFIX.length()),
            String.join(",", values == null ? List.of() : values));
      }
    }
    return metadata;
  }
}
