package dev.kbuildx.buildkit.session;

/** An agent a build's {@code RUN --mount=type=ssh} may use: the user's own, or one holding key files. */
interface SshAgent {

  /** Starts one conversation, for one connection the build makes to its agent socket. */
  Conversation open();

  /** For messages: {@code agent socket <path>} or {@code key file(s) <paths>}. */
  String description();

  /** Answers requests one at a time, in order, as agent clients expect. */
  interface Conversation extends AutoCloseable {

    /** The body of the answer to the body of one request. */
    byte[] answer(byte[] request);

    @Override
    void close();
  }
}
