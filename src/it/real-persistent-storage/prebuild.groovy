// A fresh namespace with a kubeconfig on it, and a volume for the StatefulSet's claim when the cluster
// has no provisioner (the realstack has none): a claim that stays Pending would keep the pod from
// starting, and this test shows BuildKit really running on the claim, not only that a claim exists.
import dev.kbuildx.real.HostPathVolume
import dev.kbuildx.real.RealCluster

def cluster = RealCluster.forProject(basedir, 'storage')
context.cluster = cluster
context.namespace = RealCluster.namespaceOf(new File(basedir, 'kubeconfig').toPath())
// <template>-<StatefulSet>-<ordinal>: the one claim of cache0's only pod.
context.claim = 'buildkitd-cache0-0'
context.volume = HostPathVolume.forClaim(cluster.client(), context.namespace, context.claim, '1Gi')
true
