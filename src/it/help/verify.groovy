// Every goal is listed with its parameters and the user properties that set them.
import dev.kbuildx.it.BuildLog

def log = BuildLog.of(basedir)
log.containsInOrder('BUILD SUCCESS')
['create', 'append', 'build', 'ls', 'rm', 'inspect', 'du', 'prune', 'help'].each { goal ->
    assert log.lines(/^\[INFO\] kbuildx:${goal}$|^kbuildx:${goal}$/) : "goal ${goal} missing from:\n${log.text()}"
}
['kbuildx.builder', 'kbuildx.namespace', 'kbuildx.kubeconfig', 'kbuildx.kubeContext', 'kbuildx.skip',
 'kbuildx.node', 'kbuildx.nodePlatforms', 'kbuildx.platforms', 'kbuildx.driverOpts', 'kbuildx.buildkitdFlags', 'kbuildx.buildkitdConfig',
 'kbuildx.bootstrap', 'kbuildx.dryRun', 'kbuildx.allNamespaces', 'kbuildx.noTrunc', 'kbuildx.removeVolumes',
 'kbuildx.format', 'kbuildx.verbose', 'kbuildx.filters', 'kbuildx.all', 'kbuildx.keepDuration', 'kbuildx.reservedSpace',
 'kbuildx.maxUsedSpace', 'kbuildx.minFreeSpace', 'kbuildx.endpoint'].each { property ->
    assert log.text().contains("User property: ${property}") : "property ${property} missing"
}
// The declaration parameter is documented too.
assert log.text().contains('nodes')
