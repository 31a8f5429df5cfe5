// The builder declared in the parent's <pluginManagement> reaches the module's dry run.
import dev.kbuildx.it.BuildLog
import dev.kbuildx.it.DryRunYaml
import io.fabric8.kubernetes.api.model.apps.Deployment

def log = BuildLog.of(basedir)

def all = DryRunYaml.fromLog(log.invocation(1))
assert all.objects().collect { "${it.kind} ${it.metadata.name}" as String }.sort() == ['Deployment org-amd64', 'Deployment org-arm64']

def amd64 = all.get(Deployment, 'org-amd64')
assert amd64.metadata.labels['kbuildx.dev/builder'] == 'org'
assert amd64.metadata.labels['kbuildx.dev/node'] == 'org-amd64'
assert amd64.metadata.namespace in [null, 'ci-builds']
assert amd64.metadata.annotations['buildx.docker.com/platform'] == 'linux/amd64'
assert amd64.metadata.annotations['kbuildx.dev/platforms'] == 'linux/amd64'
assert amd64.spec.replicas == 2
def amd64Pod = amd64.spec.template.spec
assert amd64Pod.nodeSelector == ['kubernetes.io/arch': 'amd64']
assert !amd64Pod.tolerations
def amd64Resources = amd64Pod.containers[0].resources
assert amd64Resources.requests['cpu'].toString() == '500m'
assert amd64Resources.requests['memory'].toString() == '1Gi'

def arm64 = all.get(Deployment, 'org-arm64')
assert arm64.metadata.labels['kbuildx.dev/builder'] == 'org'
assert arm64.metadata.labels['kbuildx.dev/node'] == 'org-arm64'
assert arm64.metadata.annotations['buildx.docker.com/platform'] == 'linux/arm64,linux/arm/v7'
assert arm64.spec.template.metadata.annotations['buildx.docker.com/platform'] == 'linux/arm64,linux/arm/v7'
assert arm64.spec.replicas == 1
def arm64Pod = arm64.spec.template.spec
assert arm64Pod.nodeSelector == ['kubernetes.io/arch': 'arm64']
assert arm64Pod.tolerations.size() == 1
def toleration = arm64Pod.tolerations[0]
assert [toleration.key, toleration.operator, toleration.value, toleration.effect] == ['arch', 'Equal', 'arm64', 'NoSchedule']
assert arm64Pod.containers[0].env.collect { "${it.name}=${it.value}" as String } == ['BUILDKIT_STEP_LOG_MAX_SIZE=10485760']
// The spec annotation keeps the load-balancing choice, which shapes no Kubernetes field.
assert arm64.metadata.annotations['kbuildx.dev/spec'].contains('random')
assert amd64.metadata.annotations['kbuildx.dev/spec-hash'] != arm64.metadata.annotations['kbuildx.dev/spec-hash']

def one = DryRunYaml.fromLog(log.invocation(2))
assert one.objects().collect { it.metadata.name } == ['org-arm64']
assert one.get(Deployment, 'org-arm64').metadata.annotations['kbuildx.dev/spec-hash'] == arm64.metadata.annotations['kbuildx.dev/spec-hash']
