// Runs last, also after a failed invocation: rm -Dkbuildx.removeVolumes took the volume, then the cluster stops.
import dev.kbuildx.it.BuildLog

def cluster = context.cluster
try {
    def log = BuildLog.of(basedir)
    (1..4).each { log.invocation(it).containsInOrder('BUILD SUCCESS') }
    def client = cluster.client()
    assert !client.apps().statefulSets().inNamespace('builds').withName('cache0').get()
    assert !client.persistentVolumeClaims().inNamespace('builds').withName('buildkitd-cache0-0').get()
} finally {
    cluster?.close()
}
