// Runs last, also after a failed run (verify.<run>.groovy checked the cluster after each): every run
// succeeded, then the namespace goes.
try {
    def log = dev.kbuildx.it.BuildLog.of(basedir)
    (1..6).each { log.invocation(it).containsInOrder('BUILD SUCCESS') }
    true
} finally {
    context.cluster?.deleteNamespace(context.namespace)
    context.cluster?.close()
}
