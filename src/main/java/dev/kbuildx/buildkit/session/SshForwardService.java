package dev.kbuildx.buildkit.session;

import com.google.protobuf.ByteString;
import dev.kbuildx.KbuildxException;
import dev.kbuildx.buildkit.proto.sshforward.BytesMessage;
import dev.kbuildx.buildkit.proto.sshforward.CheckAgentRequest;
import dev.kbuildx.buildkit.proto.sshforward.CheckAgentResponse;
import dev.kbuildx.buildkit.proto.sshforward.SSHGrpc;
import dev.kbuildx.progress.ProgressLog;
import io.grpc.BindableService;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The session's SSH service: lends the agents the build declares, by id, to
 * {@code RUN --mount=type=ssh[,id=...]}. The daemon first checks that the id exists, then opens one
 * {@code ForwardAgent} stream per connection a RUN step makes to its agent socket, naming the id in
 * the {@code buildkit.ssh.id} header; the stream carries the agent protocol's bytes both ways. An
 * undeclared id answers {@code NOT_FOUND}, which fails the step (unless the mount is optional)
 * with our message.
 */
public final class SshForwardService implements SSHGrpc.AsyncService, BindableService {
  static final String ID_HEADER = "buildkit.ssh.id";
  /** The id of a mount that names none, and of buildx's {@code --ssh default}. */
  public static final String DEFAULT_ID = "default";

  private final Map<String, SshAgent> agents;
  private final ProgressLog log;

  SshForwardService(Map<String, SshAgent> agents, ProgressLog log) {
    this.agents = Map.copyOf(agents);
    this.log = log;
  }

  /** Serves the agents a build declares; key files are read now, so a bad one fails before the build. */
  public static SshForwardService forBuild(Map<String, SshAgentSource> declared, ProgressLog log) {
    Map<String, SshAgent> agents = new LinkedHashMap<>();
    declared.forEach((id, source) -> agents.put(id, agent(source)));
    return new SshForwardService(agents, log);
  }

  private static SshAgent agent(SshAgentSource source) {
    if (source instanceof SshAgentSource.AgentSocket socket) {
      return new SocketAgent(socket.socket());
    }
    return KeyAgent.load(((SshAgentSource.KeyFiles) source).files());
  }

  @Override
  public ServerServiceDefinition bindService() {
    return ServerInterceptors.intercept(SSHGrpc.bindService(this), CallMetadata.INTERCEPTOR);
  }

  @Override
  public void checkAgent(CheckAgentRequest request, StreamObserver<CheckAgentResponse> responseObserver) {
    String id = request.getID().isEmpty() ? DEFAULT_ID : request.getID();
    if (!agents.containsKey(id)) {
      responseObserver.onError(notDeclared(id));
      return;
    }
    responseObserver.onNext(CheckAgentResponse.getDefaultInstance());
    responseObserver.onCompleted();
  }

  @Override
  public StreamObserver<BytesMessage> forwardAgent(StreamObserver<BytesMessage> responseObserver) {
    String header = CallMetadata.current().get(CallMetadata.key(ID_HEADER));
    String id = header == null || header.isEmpty() ? DEFAULT_ID : header;
    SshAgent agent = agents.get(id);
    if (agent == null) {
      responseObserver.onError(notDeclared(id));
      return new DiscardingObserver<>();
    }
    SshAgent.Conversation conversation;
    try {
      conversation = agent.open();
    } catch (KbuildxException e) {
      log.warn("SSH " + id + ": " + e.getMessage());
      responseObserver.onError(Status.UNAVAILABLE.withDescription("ssh " + id + ": " + e.getMessage())
          .asRuntimeException());
      return new DiscardingObserver<>();
    }
    log.debug("SSH agent " + id + " forwarded from " + agent.description());
    return new Forwarding(id, conversation, responseObserver);
  }

  private RuntimeException notDeclared(String id) {
    String declared = agents.isEmpty() ? "none" : String.join(", ", agents.keySet());
    return Status.NOT_FOUND.withDescription("the build uses SSH agent " + id + " but the ssh"
        + " setting does not declare it (declared: " + declared + "); add " + id + "=<agent socket or key file>,"
        + " or " + id + " alone for $SSH_AUTH_SOCK").asRuntimeException();
  }

  /** One forwarded connection: request messages in, one answer each out. */
  private final class Forwarding implements StreamObserver<BytesMessage> {
    private final String id;
    private final SshAgent.Conversation conversation;
    private final StreamObserver<BytesMessage> responses;
    private final AgentMessages requests = new AgentMessages();
    private boolean ended;

    Forwarding(String id, SshAgent.Conversation conversation, StreamObserver<BytesMessage> responses) {
      this.id = id;
      this.conversation = conversation;
      this.responses = responses;
    }

    @Override
    public void onNext(BytesMessage message) {
      if (ended) {
        return;
      }
      try {
        for (byte[] request : requests.add(message.getData())) {
          byte[] answer = AgentMessages.frame(conversation.answer(request));
          responses.onNext(BytesMessage.newBuilder().setData(ByteString.copyFrom(answer)).build());
        }
      } catch (SshWire.MalformedException e) {
        end(Status.INVALID_ARGUMENT.withDescription("ssh " + id + ": the build sent " + e.getMessage()));
      } catch (KbuildxException e) {
        log.warn("SSH " + id + ": " + e.getMessage());
        end(Status.UNAVAILABLE.withDescription("ssh " + id + ": " + e.getMessage()));
      }
    }

    @Override
    public void onError(Throwable error) {
      // The build closed its connection to the agent socket, or the session ended.
      ended = true;
      conversation.close();
    }

    @Override
    public void onCompleted() {
      if (!ended) {
        ended = true;
        conversation.close();
        responses.onCompleted();
      }
    }

    private void end(Status status) {
      ended = true;
      conversation.close();
      responses.onError(status.asRuntimeException());
    }
  }
}
