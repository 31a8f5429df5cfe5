// A bad size names its setting, value and the accepted forms, and nothing is pruned.
def run = dev.kbuildx.it.BuildLog.of(basedir).latestRun()
run.containsInOrder('BUILD FAILURE', 'invalid maxUsedSpace "lots": expected a size such as 64m',
    'It is set by <maxUsedSpace> or -Dkbuildx.maxUsedSpace')
run.doesNotContain('deleted')
true
