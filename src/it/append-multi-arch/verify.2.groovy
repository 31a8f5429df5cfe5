// After append: the arm64 node belongs to the same builder, pinned to arm64 machines; the amd64 node is unchanged.
def apps = context.cluster.client().apps().deployments().inNamespace('builds')
def arm64 = apps.withName('multiarch-arm64').get()
assert arm64 : 'append should have made the Deployment multiarch-arm64'
assert arm64.metadata.labels['kbuildx.dev/builder'] == 'multiarch'
assert arm64.metadata.labels['kbuildx.dev/node'] == 'multiarch-arm64'
assert arm64.spec.template.spec.nodeSelector == ['kubernetes.io/arch': 'arm64']
assert arm64.metadata.annotations['buildx.docker.com/platform'] == 'linux/arm64'
assert arm64.metadata.annotations['kbuildx.dev/platforms'] == 'linux/arm64'
assert arm64.status.readyReplicas == 1
def amd64 = apps.withName('multiarch-amd64').get()
assert amd64.spec.template.spec.nodeSelector == ['kubernetes.io/arch': 'amd64']
assert amd64.metadata.annotations['kbuildx.dev/platforms'] == 'linux/amd64'
true
