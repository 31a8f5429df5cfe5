// After ls: the rows of both nodes' pods, the updated ones of real0.
def run = dev.kbuildx.it.BuildLog.of(basedir).invocation(5)
def rows = run.lines(/\\_ /)
assert rows.size() == 3 : run.text()
(context.updatedPods + context.real1Pods).each { pod -> assert rows.any { it.contains(" \\_ ${pod} ") } : run.text() }
rows.each { assert it =~ /\srunning\s+v0\.24\.\d+\s/ : run.text() }
true
