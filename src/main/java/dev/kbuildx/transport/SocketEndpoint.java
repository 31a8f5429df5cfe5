package dev.kbuildx.transport;

import io.netty.channel.Channel;
import java.net.SocketAddress;
import java.time.Duration;

/**
 * A connector whose streams are plain sockets. gRPC's Netty transport opens such sockets itself,
 * so its bytes reach the daemon with no in-process bridge and no copy between threads.
 */
interface SocketEndpoint extends ByteStreamConnector {
  /** Where to connect; a failure to resolve or reach it is reported as {@link #refusal}. */
  SocketAddress socketAddress();

  /** How long a connection may take to be made. */
  Duration connectTimeout();

  /** A new, unregistered Netty channel of the socket's kind. */
  Channel newNettyChannel();

  /** Why a connection could not be made, in the words {@link #open()} uses. */
  String refusal(Throwable cause);
}
