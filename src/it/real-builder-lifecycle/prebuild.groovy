// A fresh namespace and a kubeconfig on it; verify.<run>.groovy checks the cluster after each run.
import dev.kbuildx.real.RealCluster

context.cluster = RealCluster.forProject(basedir, 'lifecycle')
context.namespace = RealCluster.namespaceOf(new File(basedir, 'kubeconfig').toPath())
true
