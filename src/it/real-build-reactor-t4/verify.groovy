// Every run built all eight modules on the one builder; the last run's images are in the pod registry.
import dev.kbuildx.it.BuildLog
import dev.kbuildx.real.PodRegistry
import dev.kbuildx.real.RealCluster
import groovy.json.JsonSlurper

def cluster = RealCluster.require()
try {
    def modules = (1..8).collect { "m${it}" }
    def log = BuildLog.of(basedir)
    log.invocation(1).containsInOrder('builder t4 is ready', 'BUILD SUCCESS')
    (2..6).each { run ->
        def parallel = log.invocation(run)
        parallel.containsInOrder('thread count of 4', 'BUILD SUCCESS').doesNotContain('ClosedChannelException')
        modules.each { module ->
            assert parallel.lines(/Built .*\/kbuildx-it\/real-t4-${module}:1 \(sha256:[0-9a-f]{64}\)/).size() == 1:
                    "run ${run} did not build ${module}: ${parallel.text()}"
        }
    }

    def namespace = RealCluster.namespaceOf(new File(basedir, 'kubeconfig').toPath())
    def pods = cluster.client().pods().inNamespace(namespace).withLabel('app', 't4-0').list().items
    assert pods.size() == 1: 'all builds ran on the one pod of the builder'

    def registry = new PodRegistry(cluster.podRegistry())
    modules.each { module ->
        def result = new JsonSlurper().parse(new File(basedir, "${module}/target/kbuildx/build-result.json"))
        def repository = "kbuildx-it/real-t4-${module}"
        assert registry.manifest(repository, '1').digest() == result.digest
        assert registry.files(repository, '1') == ['module.txt': "module ${module}\n".toString()]
    }
} finally {
    cluster.deleteProjectNamespace(basedir)
    cluster.close()
}
true
