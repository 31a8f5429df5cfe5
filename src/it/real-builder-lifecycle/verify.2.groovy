// After ls: one row per pod of real0, each running BuildKit v0.24.
def run = dev.kbuildx.it.BuildLog.of(basedir).invocation(2)
def rows = run.lines(/\\_ /)
assert rows.size() == 2 : run.text()
context.firstPods.each { pod -> assert rows.any { it.contains(" \\_ ${pod} ") } : "no row for ${pod}:\n" + run.text() }
rows.each { assert it =~ /\srunning\s+v0\.24\.\d+\s/ : run.text() }
true
