package dev.kbuildx.buildkit.session;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/**
 * Makes the headers of the daemon's call readable inside a service method: grpc-java hands only
 * messages to service implementations, but the file services are steered by headers
 * ({@code dir-name}, patterns, exporter id).
 */
final class CallMetadata {
  private static final Context.Key<Metadata> HEADERS = Context.key("kbuildx-call-headers");

  /** Puts each call's headers into its {@link Context}. */
  static final ServerInterceptor INTERCEPTOR = new ServerInterceptor() {
    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
        ServerCallHandler<Q, R> next) {
      return Contexts.interceptCall(Context.current().withValue(HEADERS, headers), call, headers, next);
    }
  };

  private CallMetadata() {}

  /** The headers of the call being served; empty outside of an intercepted call. */
  static Metadata current() {
    Metadata headers = HEADERS.get();
    return headers == null ? new Metadata() : headers;
  }

  static Metadata.Key<String> key(String name) {
    return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
  }
}
