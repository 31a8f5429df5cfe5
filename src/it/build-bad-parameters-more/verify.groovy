// Each run fails on one bad parameter before any daemon is contacted; the message quotes the value,
// says what is accepted and names the POM element and the -Dkbuildx property that set it.
import dev.kbuildx.it.BuildLog

def log = BuildLog.of(basedir)

def failure = { int n ->
    def run = log.invocation(n)
    run.containsInOrder('BUILD FAILURE').doesNotContain('Dockerfile on ').doesNotContain('cannot connect')
    def lines = run.lines(/^\[ERROR\] Failed to execute goal .*kbuildx-maven-plugin.*:build/)
    assert lines : "no goal failure in run ${n}:\n${run.text()}"
    lines[0]
}

// Run number: fragments its failure message must contain.
def expected = [
    1: ['invalid shmSize "lots"', 'such as 64m', '<shmSize> or -Dkbuildx.shmSize'],
    2: ['invalid ulimits "nofile"', 'name=soft[:hard]', '<ulimits> or -Dkbuildx.ulimits'],
    3: ['invalid addHosts "registry.local"', 'host=ip', '<addHosts> or -Dkbuildx.addHosts'],
    4: ['invalid addHosts "db=not-an-address"', 'literal IPv4 or IPv6 address', '<addHosts> or -Dkbuildx.addHosts'],
    5: ['"linux//amd64"', 'os/arch[/variant]', '<platforms> or -Dkbuildx.platforms'],
    6: ['invalid tags "Team/App:1"', 'must be lower-case', '<tags> or -Dkbuildx.tags'],
    7: ['invalid push "true"', 'needs at least one image name in tags', '<push> or -Dkbuildx.push'],
    8: ['invalid sourceDateEpoch "yesterday"', 'such as 1672531200',
        '<sourceDateEpoch>, -Dkbuildx.sourceDateEpoch or the SOURCE_DATE_EPOCH environment variable'],
    9: ['invalid outputTimestamp "last tuesday"', 'project.build.outputTimestamp property',
        '<sourceDateEpoch> or -Dkbuildx.sourceDateEpoch replaces it'],
    10: ['invalid dockerfile "', 'Missing.Dockerfile"', 'expected an existing file',
        '<dockerfile> or -Dkbuildx.dockerfile'],
    11: ['invalid context "', 'no-such-directory"', 'expected an existing directory', '<context> or -Dkbuildx.context'],
    12: ['invalid DOCKER_HOST "ftp://engine:21"', 'unix:///path/to/docker.sock or tcp://host[:port]',
        '<dockerHost>, -Dkbuildx.dockerHost or the DOCKER_HOST environment variable'],
    13: ['invalid cacheTo "type=floppy"', 'unsupported type floppy', '<cacheTo> or -Dkbuildx.cacheTo'],
    14: ['invalid cacheFrom "type=local"', 'src is required', '<cacheFrom> or -Dkbuildx.cacheFrom'],
    15: ['invalid outputs "type=local"', 'dest is required', '<outputs> or -Dkbuildx.outputs'],
    16: ['invalid endpoint "tcp://127.0.0.1:1234"', 'builder ci exclude each other', '<endpoint> or -Dkbuildx.endpoint'],
    17: ['invalid secrets "id=token,server=no-such-server"', 'no server with the id "no-such-server"',
        '<secrets> or -Dkbuildx.secrets'],
]
assert log.lines(/Scanning for projects/).size() == expected.size()
expected.each { n, fragments ->
    def message = failure(n)
    fragments.each { assert message.contains(it) : "run ${n} should say '${it}': ${message}" }
}
true
