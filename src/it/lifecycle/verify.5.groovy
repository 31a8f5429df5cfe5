// After append: the new node owns both of its platforms, so ci0 no longer offers linux/amd64.
def apps = context.cluster.client().apps().deployments().inNamespace('builds')
def ciArm = apps.withName('ci-arm').get()
assert ciArm : 'append should have made the Deployment ci-arm'
assert ciArm.metadata.labels['kbuildx.dev/builder'] == 'ci'
assert ciArm.metadata.labels['kbuildx.dev/node'] == 'ci-arm'
assert ciArm.metadata.annotations['buildx.docker.com/platform'] == 'linux/arm64,linux/amd64'
def ci0 = apps.withName('ci0').get()
assert ci0 : 'append must keep the first node'
assert !(ci0.metadata.annotations['kbuildx.dev/platforms'] ?: '').contains('linux/amd64')
