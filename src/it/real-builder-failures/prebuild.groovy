// A fresh namespace with a kubeconfig on it, a ServiceAccount without any RoleBinding whose token is
// in nobody.kubeconfig, and a history of what happens in the namespace during the runs.
import dev.kbuildx.real.ClusterHistory
import dev.kbuildx.real.RealCluster
import dev.kbuildx.real.RestrictedUser

def cluster = RealCluster.forProject(basedir, 'failures')
context.cluster = cluster
def namespace = RealCluster.namespaceOf(new File(basedir, 'kubeconfig').toPath())
context.history = ClusterHistory.record(cluster.client(), namespace)
context.nobody = RestrictedUser.create(cluster, namespace, 'nobody', new File(basedir, 'nobody.kubeconfig').toPath())
context.userProperties['podRegistry'] = cluster.podRegistry()
true
