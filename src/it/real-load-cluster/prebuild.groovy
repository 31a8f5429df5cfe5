// A namespace of this test's own with a kubeconfig that uses it; no image of an earlier run on the node.
import dev.kbuildx.real.NodeContainerd
import dev.kbuildx.real.RealCluster

RealCluster.forProject(basedir, 'load-cluster').close()
NodeContainerd.require().removeImages(['docker.io/kbuildx-it/no-registry:1.0'])
true
