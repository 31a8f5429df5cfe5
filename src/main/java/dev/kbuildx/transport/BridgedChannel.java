package dev.kbuildx.transport;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ConnectivityState;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.ForwardingClientCallListener.SimpleForwardingClientCallListener;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * A gRPC channel whose connections run through a {@link StreamBridge}. Shutting it down also stops
 * the bridge, and a call that fails as UNAVAILABLE because of the byte stream says why, naming the
 * endpoint, instead of gRPC's generic transport message.
 */
final class BridgedChannel extends ManagedChannel {
  private final ManagedChannel grpc;
  private final StreamBridge bridge;

  BridgedChannel(ManagedChannel grpc, StreamBridge bridge) {
    this.grpc = grpc;
    this.bridge = bridge;
  }

  @Override
  public <Q, R> ClientCall<Q, R> newCall(MethodDescriptor<Q, R> method, CallOptions options) {
    return new SimpleForwardingClientCall<>(grpc.newCall(method, options)) {
      @Override
      public void start(Listener<R> listener, Metadata headers) {
        super.start(new SimpleForwardingClientCallListener<>(listener) {
          @Override
          public void onClose(Status status, Metadata trailers) {
            super.onClose(explain(status), trailers);
          }
        }, headers);
      }
    };
  }

  /**
   * A lost connection (UNAVAILABLE, or UNKNOWN when gRPC was still writing to the closed channel)
   * is reported as UNAVAILABLE naming the endpoint, and why if the byte stream knows.
   */
  private Status explain(Status status) {
    boolean connectionLost = status.getCode() == Status.Code.UNAVAILABLE
        || status.getCode() == Status.Code.UNKNOWN && status.getCause() instanceof ClosedChannelException;
    if (!connectionLost) {
      return status;
    }
    String trouble = bridge.trouble();
    // A refused TLS handshake makes the daemon hang up too; the handshake's reason is the one to tell.
    if (trouble != null && !causedByTls(status.getCause())) {
      return Status.UNAVAILABLE.withDescription(trouble).withCause(status.getCause());
    }
    StringBuilder description = new StringBuilder("the connection to ").append(bridge.endpoint()).append(" failed");
    if (status.getDescription() != null) {
      description.append(": ").append(status.getDescription());
    }
    if (status.getCause() != null && status.getCause().getMessage() != null) {
      description.append(": ").append(status.getCause().getMessage());
    }
    return Status.UNAVAILABLE.withDescription(description.toString()).withCause(status.getCause());
  }

  @Override
  public String authority() {
    return grpc.authority();
  }

  @Override
  public ManagedChannel shutdown() {
    grpc.shutdown();
    bridge.close();
    return this;
  }

  @Override
  public ManagedChannel shutdownNow() {
    grpc.shutdownNow();
    bridge.close();
    return this;
  }

  @Override
  public boolean isShutdown() {
    return grpc.isShutdown();
  }

  @Override
  public boolean isTerminated() {
    return grpc.isTerminated();
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    return grpc.awaitTermination(timeout, unit);
  }

  @Override
  public ConnectivityState getState(boolean requestConnection) {
    return grpc.getState(requestConnection);
  }

  @Override
  public void notifyWhenStateChanged(ConnectivityState source, Runnable callback) {
    grpc.notifyWhenStateChanged(source, callback);
  }

  @Override
  public void resetConnectBackoff() {
    grpc.resetConnectBackoff();
  }

  @Override
  public void enterIdle() {
    grpc.enterIdle();
  }

  @Override
  public String toString() {
    return "gRPC channel to " + bridge.endpoint();
  }

  private static boolean causedByTls(Throwable cause) {
    for (Throwable current = cause; current != null; current = current.getCause()) {
      if (current instanceof SSLException) {
        return true;
      }
    }
    return false;
  }
}
