// A fresh namespace with a kubeconfig on it, a ServiceAccount without any RoleBinding whose token is
// in nobody.kubeconfig, kubeconfigs whose server is a closed port (unreachable.kubeconfig) or a
// listener that never answers (silent.kubeconfig, open until verify.groovy), and a history of what
// happens in the namespace during the runs.
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
// Connections wait in the backlog: accepted by the system, never read or answered.
context.silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())
context.silentServer = "https://127.0.0.1:${context.silent.localPort}/".toString()
cluster.writeKubeconfigWithServer(new File(basedir, 'silent.kubeconfig').toPath(), context.silentServer)
// kbuildx.namespace names a namespace that does not exist, for run 9 only.
new File(basedir, 'missing-namespace.properties').text =
    "kbuildx.namespace=${namespace}-missing\npodRegistry=${cluster.podRegistry()}\n"
true
