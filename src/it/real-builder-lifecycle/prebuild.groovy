// A fresh namespace and a kubeconfig on it; the history records what the cluster holds between the runs.
import dev.kbuildx.real.ClusterHistory
import dev.kbuildx.real.RealCluster

def cluster = RealCluster.forProject(basedir, 'lifecycle')
context.cluster = cluster
context.history = ClusterHistory.record(cluster.client(), RealCluster.namespaceOf(new File(basedir, 'kubeconfig').toPath()))
true
