// The Deployment of buildx's "create --driver kubernetes --name kube --platform linux/amd64"
// (spec section 3.7), plus the labels and annotations kbuildx keeps its state in.
import dev.kbuildx.it.BuildLog
import dev.kbuildx.it.DryRunYaml
import io.fabric8.kubernetes.api.model.apps.Deployment

def yaml = DryRunYaml.parse(BuildLog.of(basedir).withoutHookLines().text())
assert yaml.objects().collect { it.kind } == ['Deployment'] : 'no buildkitd.toml, so no ConfigMap'

def deployment = yaml.get(Deployment, 'kube0')
assert deployment.apiVersion == 'apps/v1'

def labels = deployment.metadata.labels
assert labels['app'] == 'kube0'
assert labels['app.kubernetes.io/managed-by'] == 'kbuildx'
assert labels['kbuildx.dev/builder'] == 'kube'
assert labels['kbuildx.dev/node'] == 'kube0'

def annotations = deployment.metadata.annotations
assert annotations['buildx.docker.com/platform'] == 'linux/amd64'
assert annotations['kbuildx.dev/platforms'] == 'linux/amd64'
assert annotations['kbuildx.dev/spec']
assert annotations['kbuildx.dev/spec-hash']

def spec = deployment.spec
assert spec.replicas == 1
assert spec.selector.matchLabels['app'] == 'kube0'
def template = spec.template
assert template.metadata.labels.entrySet().containsAll(spec.selector.matchLabels.entrySet()) : 'the selector must select the pods'
assert template.metadata.annotations['buildx.docker.com/platform'] == 'linux/amd64'

def podSpec = template.spec
assert podSpec.containers.size() == 1
assert !podSpec.initContainers : 'no QEMU unless asked for'
assert !podSpec.nodeSelector
assert !podSpec.tolerations
def container = podSpec.containers[0]
assert container.name == 'buildkitd'
assert container.image == 'moby/buildkit:buildx-stable-1'
assert container.args == ['--allow-insecure-entitlement=network.host']
assert container.securityContext.privileged
def probe = container.readinessProbe
assert probe.exec.command == ['buildctl', 'debug', 'workers']
// No initial delay: the startup probe holds it back, and a delay would postpone readiness by a whole period.
assert [probe.failureThreshold, probe.initialDelaySeconds, probe.periodSeconds, probe.successThreshold, probe.timeoutSeconds] == [3, null, 30, 1, 60]
assert container.livenessProbe == probe
def startup = container.startupProbe
assert startup.exec.command == ['buildctl', 'debug', 'workers']
assert [startup.failureThreshold, startup.periodSeconds, startup.successThreshold, startup.timeoutSeconds] == [300, 1, 1, 60]
assert !container.resources?.requests && !container.resources?.limits
