// The containerd node with kind's paths: buildkitd on the node's containerd in k8s.io, the socket,
// containerd's root and the FIFO directory at their node paths, the state shared both ways in a
// directory per namespace and node, a privileged container, and Recreate updates.
import dev.kbuildx.it.BuildLog
import dev.kbuildx.it.DryRunYaml
import io.fabric8.kubernetes.api.model.apps.Deployment

def yaml = DryRunYaml.fromLog(BuildLog.of(basedir).invocation(1))
assert yaml.objects().collect { "${it.kind} ${it.metadata.name}" as String } == ['Deployment local']
def deployment = yaml.get(Deployment, 'local')
assert deployment.spec.replicas == 1
assert deployment.spec.strategy.type == 'Recreate'

def pod = deployment.spec.template.spec
def buildkitd = pod.containers[0]
assert buildkitd.securityContext.privileged
assert buildkitd.args.containsAll(['--oci-worker=false', '--containerd-worker=true',
    '--containerd-worker-addr=/run/containerd/containerd.sock', '--containerd-worker-namespace=k8s.io',
    '--root=/var/lib/buildkit/$(KBUILDX_NAMESPACE)/local'])
assert buildkitd.env.find { it.name == 'KBUILDX_NAMESPACE' }.valueFrom.fieldRef.fieldPath == 'metadata.namespace'
assert buildkitd.env.find { it.name == 'TMPDIR' }.value == '/var/lib/buildkit/$(KBUILDX_NAMESPACE)/local'

def volumes = pod.volumes.collectEntries { [it.name, "${it.hostPath.path} ${it.hostPath.type}" as String] }
assert volumes == [
    'containerd-socket': '/run/containerd/containerd.sock Socket',
    'containerd-root': '/var/lib/containerd Directory',
    'containerd-fifo': '/run/containerd/fifo DirectoryOrCreate',
    'buildkit-state': '/var/lib/buildkit DirectoryOrCreate']
def mounts = buildkitd.volumeMounts.collectEntries { [it.name, "${it.mountPath} ${it.mountPropagation}" as String] }
assert mounts == [
    'containerd-socket': '/run/containerd/containerd.sock null',
    'containerd-root': '/var/lib/containerd null',
    'containerd-fifo': '/run/containerd/fifo null',
    'buildkit-state': '/var/lib/buildkit Bidirectional']
true
