// The kubeconfig's context uses one fresh namespace; the builder's node names another one in its
// driver options, which both runs must use without -Dkbuildx.namespace.
def cluster = dev.kbuildx.real.RealCluster.forProject(basedir, 'ns-context')
try {
    def nodeNamespace = cluster.createNamespace('ns-node')
    def registry = cluster.podRegistry()
    new File(basedir, 'cluster.properties').text =
            "nodeNamespace=${nodeNamespace}\npodRegistry=${registry}\n"
} finally {
    cluster.close()
}
true
