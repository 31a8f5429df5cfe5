// Each failure names the option, the value and what would be accepted, and no YAML is printed.
import dev.kbuildx.it.BuildLog

def log = BuildLog.of(basedir)

def errorLine = { BuildLog run, String regex ->
    def lines = run.lines(regex)
    assert lines : "no error line matching /${regex}/ in:\n${run.text()}"
    lines[0]
}

(1..4).each { n ->
    log.invocation(n).containsInOrder('BUILD FAILURE').doesNotContain('kind: Deployment')
}

// 1: the POM element is named, so the user can find it.
def xml = errorLine(log.invocation(1), /replicas.*"abc"/)
assert xml.contains('invalid driver option replicas "abc"')
assert xml =~ /(?i)integer|number/ : "should say what replicas accepts: ${xml}"
assert log.invocation(1).text().contains('<replicas>') || log.invocation(1).text().contains('bad-amd64') : 'should say where the value comes from'

// 2: same option, from -Dkbuildx.driverOpts.
def csv = errorLine(log.invocation(2), /replicas.*"abc"/)
assert csv.contains('invalid driver option replicas "abc"')
assert csv =~ /(?i)integer|number/
assert log.invocation(2).text().contains('kbuildx.driverOpts')

// 3: a duration without a unit.
def timeout = errorLine(log.invocation(3), /timeout.*"300"/)
assert timeout.contains('invalid driver option timeout "300"')
assert timeout =~ /(?i)unit|duration|s\b/ : "should say a duration needs a unit: ${timeout}"
assert log.invocation(3).text().contains('kbuildx.driver.timeout')

// 4: an unknown option lists what there is.
def unknown = errorLine(log.invocation(4), /network/)
assert unknown =~ /(?i)unknown|invalid/
assert log.invocation(4).text().contains('replicas') : 'should list the accepted options'
