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
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A gRPC channel whose connections run through a {@link StreamBridge}. Shutting it down also stops
 * the bridge, and a call that fails because of the connection (lost, refused, TLS, no BuildKit at
 * the other end, no answer in time) fails as UNAVAILABLE with a {@link DaemonConnectionException}
 * as its cause, which names the endpoint, instead of gRPC's generic transport message.
 */
final class BridgedChannel extends ManagedChannel {
  private final ManagedChannel grpc;
  private final StreamBridge bridge;
  /** Whether an HTTP/2 connection ever worked: a daemon that hangs up before is refusing the connection itself. */
  private volatile boolean everReady;

  BridgedChannel(ManagedChannel grpc, StreamBridge bridge) {
    this.grpc = grpc;
    this.bridge = bridge;
    watchUntilReady(grpc.getState(false));
  }

  private void watchUntilReady(ConnectivityState seen) {
    grpc.notifyWhenStateChanged(seen, () -> {
      ConnectivityState now = grpc.getState(false);
      if (now == ConnectivityState.READY) {
        everReady = true;
      } else if (now != ConnectivityState.SHUTDOWN) {
        watchUntilReady(now);
      }
    });
  }

  @Override
  public <Q, R> ClientCall<Q, R> newCall(MethodDescriptor<Q, R> method, CallOptions options) {
    Duration limit = options.getDeadline() == null ? null
        : Duration.ofMillis(options.getDeadline().timeRemaining(TimeUnit.MILLISECONDS));
    return new SimpleForwardingClientCall<>(grpc.newCall(method, options)) {
      @Override
      public void start(Listener<R> listener, Metadata headers) {
        super.start(new SimpleForwardingClientCallListener<>(listener) {
          @Override
          public void onClose(Status status, Metadata trailers) {
            super.onClose(explain(status, limit), trailers);
          }
        }, headers);
      }
    };
  }

  private Status explain(Status status, Duration limit) {
    if (status.isOk()) {
      return status;
    }
    return ConnectionFailures.explain(status, bridge, limit, everReady)
        .map(failure -> Status.UNAVAILABLE.withDescription(failure.getMessage()).withCause(failure))
        .orElse(status);
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
}
