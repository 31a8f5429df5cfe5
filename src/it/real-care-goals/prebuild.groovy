// A fresh namespace and a kubeconfig on it, and a context whose build leaves about 300 kB of cache;
// verify.<run>.groovy checks each run against the cluster.
import dev.kbuildx.real.RealCluster

context.cluster = RealCluster.forProject(basedir, 'care')
context.namespace = RealCluster.namespaceOf(new File(basedir, 'kubeconfig').toPath())
def payload = new byte[300_000]
new Random().nextBytes(payload)
new File(basedir, 'payload.bin').bytes = payload
true
