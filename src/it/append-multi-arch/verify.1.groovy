// After create with -Dkbuildx.node: only the amd64 node exists, pinned to amd64 machines.
def apps = context.cluster.client().apps().deployments().inNamespace('builds')
def amd64 = apps.withName('multiarch-amd64').get()
assert amd64 : 'create should have made the Deployment multiarch-amd64'
assert amd64.metadata.labels['kbuildx.dev/builder'] == 'multiarch'
assert amd64.spec.template.spec.nodeSelector == ['kubernetes.io/arch': 'amd64']
assert amd64.metadata.annotations['kbuildx.dev/platforms'] == 'linux/amd64'
assert !apps.withName('multiarch-arm64').get() : 'create -Dkbuildx.node must create that node only'
true
