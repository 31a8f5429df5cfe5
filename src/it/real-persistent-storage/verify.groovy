// Runs last, also after a failed run (verify.<run>.groovy checked the cluster after each): every run
// succeeded, then the volume (if one was made) and the namespace go.
try {
    def log = dev.kbuildx.it.BuildLog.of(basedir)
    (1..3).each { log.invocation(it).containsInOrder('BUILD SUCCESS') }
    true
} finally {
    try {
        context.volume?.close()
    } finally {
        context.cluster?.deleteNamespace(context.namespace)
        context.cluster?.close()
    }
}
