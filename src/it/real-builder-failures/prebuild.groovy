// A fresh namespace with a kubeconfig on it, a ServiceAccount without any RoleBinding whose token is
// in nobody.kubeconfig, a kubeconfig whose server is a closed port (unreachable.kubeconfig), and a
// history of what happens in the namespace during the runs.
import dev.kbuildx.real.ClusterHistory
import dev.kbuildx.real.RealCluster
import dev.kbuildx.real.RestrictedUser

def cluster = RealCluster.forProject(basedir, 'failures')
context.cluster = cluster
def namespace = RealCluster.namespaceOf(new File(basedir, 'kubeconfig').toPath())
context.history = ClusterHistory.record(cluster.client(), namespace)
context.nobody = RestrictedUser.create(cluster, namespace, 'nobody', new File(basedir, 'nobody.kubeconfig').toPath())
context.userProperties['podRegistry'] = cluster.podRegistry()
def closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())
context.unreachable = "https://127.0.0.1:${closed.localPort}/".toString()
closed.close()
cluster.writeKubeconfigWithServer(new File(basedir, 'unreachable.kubeconfig').toPath(), context.unreachable)
true
