package dev.kbuildx.buildkit.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.kbuildx.buildkit.proto.sshforward.BytesMessage;
import dev.kbuildx.buildkit.proto.sshforward.CheckAgentRequest;
import dev.kbuildx.buildkit.proto.sshforward.SSHGrpc;
import dev.kbuildx.progress.CollectingLog;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SSH service as the daemon calls it: CheckAgent, then ForwardAgent streams naming the id in a header. */
class SshForwardServiceTest {
  @TempDir
  Path dir;

  private final CollectingLog log = new CollectingLog();
  private LocalGrpcServer server;
  private Thread agentThread;
  private ServerSocketChannel agentSocket;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.stop();
    }
    if (agentSocket != null) {
      agentSocket.close();
      agentThread.join(5000);
    }
  }

  @Test
  void checkAgentKnowsTheDeclaredIdsAndReadsAnEmptyIdAsDefault() throws Exception {
    SSHGrpc.SSHBlockingStub ssh = SSHGrpc.newBlockingStub(start(Map.of("default", keyFiles("id"))).channel());

    ssh.checkAgent(CheckAgentRequest.newBuilder().setID("default").build());
    ssh.checkAgent(CheckAgentRequest.getDefaultInstance());
    assertThatThrownBy(() -> ssh.checkAgent(CheckAgentRequest.newBuilder().setID("github").build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
          assertThat(e.getStatus().getDescription()).isEqualTo("the build uses SSH agent github but the ssh setting"
              + " does not declare it (declared: default); add github=<agent socket or key file>, or github alone"
              + " for $SSH_AUTH_SOCK");
        });
  }

  @Test
  void forwardsAgentMessagesSplitAndJoinedInAnyChunks() throws Exception {
    TestSshKeys.Generated key = TestSshKeys.ed25519();
    Path file = dir.resolve("deploy");
    TestSshKeys.write(file, key, "deploy");
    start(Map.of("deploy", new SshAgentSource.KeyFiles(List.of(file))));
    Stream stream = new Stream("deploy");
    byte[] identities = AgentMessages.frame(new byte[] {AgentMessages.REQUEST_IDENTITIES});

    stream.send(Arrays.copyOfRange(identities, 0, 3));
    stream.send(concat(Arrays.copyOfRange(identities, 3, identities.length), identities));
    byte[] first = stream.next();
    byte[] second = stream.next();
    stream.requests.onCompleted();

    assertThat(first).isEqualTo(second);
    SshWire.Reader answer = new SshWire.Reader(first);
    answer.readUint32();
    assertThat(answer.readByte()).isEqualTo(AgentMessages.IDENTITIES_ANSWER);
    assertThat(answer.readUint32()).isEqualTo(1);
    assertThat(answer.readString()).isEqualTo(key.publicKeyBlob());
    assertThat(stream.completed.poll(5, TimeUnit.SECONDS)).isEqualTo("completed");
  }

  @Test
  void anUndeclaredIdEndsTheStreamWithNotFound() throws Exception {
    start(Map.of("default", keyFiles("id")));
    Stream stream = new Stream("gitlab");

    assertThat(stream.completed.poll(5, TimeUnit.SECONDS)).isEqualTo("NOT_FOUND");
  }

  @Test
  void aForwardedAgentSocketGetsOnlyListingAndSigning() throws Exception {
    List<Integer> seenByAgent = startAgentSocket(dir.resolve("agent.sock"));
    start(Map.of("default", new SshAgentSource.AgentSocket(dir.resolve("agent.sock"))));
    Stream stream = new Stream(null);
    int addIdentity = 17;

    stream.send(AgentMessages.frame(new byte[] {(byte) addIdentity, 0, 0, 0, 0}));
    byte[] refused = stream.next();
    stream.send(AgentMessages.frame(new byte[] {AgentMessages.REQUEST_IDENTITIES}));
    byte[] listed = stream.next();
    stream.requests.onCompleted();

    assertThat(refused).isEqualTo(AgentMessages.frame(AgentMessages.failure()));
    assertThat(listed).isEqualTo(AgentMessages.frame(new byte[] {AgentMessages.IDENTITIES_ANSWER, 0, 0, 0, 0}));
    assertThat(seenByAgent).containsExactly(AgentMessages.REQUEST_IDENTITIES);
  }

  @Test
  void anAgentSocketThatIsGoneFailsTheStreamAndIsLogged() throws Exception {
    start(Map.of("default", new SshAgentSource.AgentSocket(dir.resolve("gone.sock"))));
    Stream stream = new Stream("default");

    assertThat(stream.completed.poll(5, TimeUnit.SECONDS)).isEqualTo("UNAVAILABLE");
    assertThat(log.lines).anyMatch(line -> line.startsWith("WARN SSH default: cannot connect to the ssh-agent socket "
        + dir.resolve("gone.sock")));
  }

  private LocalGrpcServer start(Map<String, SshAgentSource> agents) throws IOException {
    server = new LocalGrpcServer(SshForwardService.forBuild(agents, log));
    return server;
  }

  private SshAgentSource keyFiles(String name) throws Exception {
    Path file = dir.resolve(name);
    TestSshKeys.write(file, TestSshKeys.ed25519(), name);
    return new SshAgentSource.KeyFiles(List.of(file));
  }

  /** An agent on a Unix socket that answers every request with an empty key list and records the request types. */
  private List<Integer> startAgentSocket(Path path) throws IOException {
    List<Integer> seen = new CopyOnWriteArrayList<>();
    agentSocket = ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(path));
    agentThread = new Thread(() -> {
      try (SocketChannel connection = agentSocket.accept()) {
        while (true) {
          ByteBuffer header = ByteBuffer.allocate(4);
          while (header.hasRemaining()) {
            if (connection.read(header) < 0) {
              return;
            }
          }
          ByteBuffer body = ByteBuffer.allocate(header.flip().getInt());
          while (body.hasRemaining()) {
            connection.read(body);
          }
          seen.add(body.get(0) & 0xff);
          connection.write(ByteBuffer.wrap(AgentMessages.frame(new byte[] {AgentMessages.IDENTITIES_ANSWER, 0, 0, 0, 0})));
        }
      } catch (IOException e) {
        // The test closed the socket.
      }
    });
    agentThread.start();
    return seen;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  /** One ForwardAgent call, with its id in the header as the daemon sends it (none when null). */
  private final class Stream {
    final BlockingQueue<byte[]> answers = new LinkedBlockingQueue<>();
    final BlockingQueue<String> completed = new LinkedBlockingQueue<>();
    final StreamObserver<BytesMessage> requests;

    Stream(String id) {
      Metadata headers = new Metadata();
      if (id != null) {
        headers.put(Metadata.Key.of(SshForwardService.ID_HEADER, Metadata.ASCII_STRING_MARSHALLER), id);
      }
      requests = SSHGrpc.newStub(server.channel())
          .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
          .forwardAgent(new StreamObserver<>() {
            @Override
            public void onNext(BytesMessage message) {
              answers.add(message.getData().toByteArray());
            }

            @Override
            public void onError(Throwable error) {
              completed.add(Status.fromThrowable(error).getCode().name());
            }

            @Override
            public void onCompleted() {
              completed.add("completed");
            }
          });
    }

    void send(byte[] bytes) {
      requests.onNext(BytesMessage.newBuilder().setData(ByteString.copyFrom(bytes)).build());
    }

    byte[] next() throws InterruptedException {
      byte[] answer = answers.poll(5, TimeUnit.SECONDS);
      assertThat(answer).as("an answer from the agent").isNotNull();
      return answer;
    }
  }
}
