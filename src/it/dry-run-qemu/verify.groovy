// The emulating node's Deployment: BuildKit offers the three platforms, and before it starts a
// privileged init container installs the QEMU emulators from the pinned binfmt image.
import dev.kbuildx.it.BuildLog
import dev.kbuildx.it.DryRunYaml
import io.fabric8.kubernetes.api.model.apps.Deployment

def yaml = DryRunYaml.fromLog(BuildLog.of(basedir).invocation(1))
assert yaml.objects().collect { "${it.kind} ${it.metadata.name}" as String } == ['Deployment emulated']
def deployment = yaml.get(Deployment, 'emulated')
def platforms = 'linux/amd64,linux/arm64,linux/riscv64'
assert deployment.metadata.annotations['buildx.docker.com/platform'] == platforms
assert deployment.metadata.annotations['kbuildx.dev/platforms'] == platforms

def pod = deployment.spec.template.spec
assert pod.initContainers.size() == 1
def qemu = pod.initContainers[0]
assert qemu.name == 'qemu'
assert qemu.image == 'tonistiigi/binfmt:qemu-v8'
assert qemu.args == ['--install', 'all']
assert qemu.securityContext.privileged : 'registering binfmt handlers on the node needs privileges'

assert pod.containers.collect { it.name } == ['buildkitd']
assert pod.containers[0].image == 'moby/buildkit:buildx-stable-1'
assert pod.containers[0].securityContext.privileged
true
