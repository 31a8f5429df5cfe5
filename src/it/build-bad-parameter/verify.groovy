// Each failure names the setting, the value, what would be accepted and where it is set.
import dev.kbuildx.it.BuildLog

def log = BuildLog.of(basedir)

def failure = { int n ->
    def run = log.invocation(n)
    run.containsInOrder('BUILD FAILURE').doesNotContain('Dockerfile on ')
    def lines = run.lines(/^\[ERROR\] Failed to execute goal .*kbuildx-maven-plugin.*:build/)
    assert lines : "no goal failure in run ${n}:\n${run.text()}"
    lines[0]
}

def network = failure(1)
assert network.contains('invalid network "bogus"')
assert network.contains('<network> or -Dkbuildx.network')

def output = failure(2)
assert output.contains('invalid outputs')
assert output.contains('floppy')
assert output.contains('<outputs> or -Dkbuildx.outputs')

def endpoint = failure(3)
assert endpoint.contains('invalid endpoint "http://buildkitd:1234"')
assert endpoint.contains('<endpoint> or -Dkbuildx.endpoint')

def engine = failure(4)
assert engine.contains('No builder is configured and the Docker Engine at unix:///nonexistent/docker.sock cannot build')
assert engine.contains('-Dkbuildx.builder')
true
