# An ssh-agent client for a RUN step of SshEngineTest, which has no ssh tools: asks the agent of
# SSH_AUTH_SOCK for its keys, then for a signature of "kbuildx" by the first key, and prints both
# answers in hex, one per line. Only perl's built-ins are used (not even strict), as the step has
# perl's binary and libraries but none of its modules.
socket(AGENT, 1, 1, 0) or die "socket: $!";                               # AF_UNIX, SOCK_STREAM
connect(AGENT, pack("S a108", 1, $ENV{SSH_AUTH_SOCK})) or die "connect $ENV{SSH_AUTH_SOCK}: $!";

sub take {
  my ($length) = @_;
  my $data = "";
  while (length($data) < $length) {
    sysread(AGENT, my $chunk, $length - length($data)) or die "read: $!";
    $data .= $chunk;
  }
  return $data;
}

sub ask {
  my ($request) = @_;
  syswrite(AGENT, pack("N/a", $request)) or die "write: $!";
  return take(unpack("N", take(4)));
}

my $identities = ask(pack("C", 11));                                        # SSH_AGENTC_REQUEST_IDENTITIES
my $key = unpack("x5 N/a", $identities);                                    # after the type and the count
my $signature = ask(pack("C N/a N/a N", 13, $key, "kbuildx", 0));           # SSH_AGENTC_SIGN_REQUEST
print unpack("H*", $identities), "\n", unpack("H*", $signature), "\n";
