// The rootless node: the rootless BuildKit image without privileges, its process sandbox off, the
// seccomp and AppArmor profiles unconfined, and its state on the claim under the user's home.
import dev.kbuildx.it.BuildLog
import dev.kbuildx.it.DryRunYaml
import io.fabric8.kubernetes.api.model.apps.StatefulSet

def yaml = DryRunYaml.fromLog(BuildLog.of(basedir).invocation(1))
assert yaml.objects().collect { "${it.kind} ${it.metadata.name}" as String } == ['StatefulSet unprivileged']
def statefulSet = yaml.get(StatefulSet, 'unprivileged')
def apparmor = 'container.apparmor.security.beta.kubernetes.io/buildkitd'
assert statefulSet.spec.template.metadata.annotations[apparmor] == 'unconfined'

def pod = statefulSet.spec.template.spec
assert !pod.initContainers
def buildkitd = pod.containers[0]
assert buildkitd.name == 'buildkitd'
assert buildkitd.image == 'moby/buildkit:buildx-stable-1-rootless'
assert buildkitd.args.contains('--oci-worker-no-process-sandbox')
assert !buildkitd.securityContext.privileged
assert buildkitd.securityContext.seccompProfile.type == 'Unconfined'

// The claim holds the rootless daemon's state directory, so the cache survives pod restarts.
def claim = statefulSet.spec.volumeClaimTemplates[0]
assert claim.spec.resources.requests['storage'].toString() == '20Gi'
def mount = buildkitd.volumeMounts.find { it.name == claim.metadata.name }
assert mount?.mountPath == '/home/user/.local/share/buildkit'
true
