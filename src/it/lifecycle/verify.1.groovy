// After create: the Deployment carries the builder's state and its pod is ready.
def apps = context.cluster.client().apps().deployments().inNamespace('builds')
def ci0 = apps.withName('ci0').get()
assert ci0 : 'create should have made the Deployment ci0 in the kubeconfig namespace "builds"'
assert ci0.metadata.labels['app.kubernetes.io/managed-by'] == 'kbuildx'
assert ci0.metadata.labels['kbuildx.dev/builder'] == 'ci'
assert ci0.metadata.labels['kbuildx.dev/node'] == 'ci0'
assert ci0.metadata.annotations['kbuildx.dev/platforms'] == 'linux/amd64'
assert ci0.status.readyReplicas == 1

dev.kbuildx.it.BuildLog.of(basedir).invocation(1).containsInOrder('ci0', 'BUILD SUCCESS')
true
