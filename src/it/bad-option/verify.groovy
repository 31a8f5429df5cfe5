// Each failure names the option, the value, what would be accepted and where it can be set; no YAML is printed.
import dev.kbuildx.it.BuildLog

def log = BuildLog.of(basedir)

def failure = { int n ->
    def run = log.invocation(n)
    run.containsInOrder('BUILD FAILURE').doesNotContain('kind: Deployment')
    def lines = run.lines(/^\[ERROR\] Failed to execute goal .*kbuildx-maven-plugin.*:create/)
    assert lines : "no goal failure in run ${n}:\n${run.text()}"
    lines[0]
}

// 1: the value written in the module's <driver><replicas>.
def xml = failure(1)
assert xml.contains('invalid driver option replicas "abc": ')
assert xml =~ /whole number|integer/
assert xml.contains('<replicas>')

// 2: the same option in buildx's CSV form.
def csv = failure(2)
assert csv.contains('invalid driver option replicas "abc": ')
assert csv =~ /whole number|integer/
assert csv.contains('driverOpts')

// 3: a duration without a unit.
def timeout = failure(3)
assert timeout.contains('invalid driver option timeout "300": ')
assert timeout.contains('unit')
assert timeout.contains('-Dkbuildx.driver.timeout')

// 4: an unknown option, with the list of the known ones.
def unknown = failure(4)
assert unknown.contains('invalid driver option network "host": ')
assert unknown =~ /accepted: .*\breplicas\b/
