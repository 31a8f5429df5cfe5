// After create: a StatefulSet (no Deployment) whose pod is ready on its bound claim.
def client = context.cluster.client()
def apps = client.apps()
def set = apps.statefulSets().inNamespace(context.namespace).withName('cache0').get()
assert set : 'create should have made the StatefulSet cache0'
assert !apps.deployments().inNamespace(context.namespace).withName('cache0').get()
assert set.metadata.labels['kbuildx.dev/builder'] == 'cache'
assert set.spec.volumeClaimTemplates*.metadata*.name == ['buildkitd']
assert set.status.readyReplicas == 1
def pod = client.pods().inNamespace(context.namespace).withName('cache0-0').get()
assert pod.status.conditions.any { it.type == 'Ready' && it.status == 'True' }
assert pod.spec.volumes.any { it.persistentVolumeClaim?.claimName == context.claim }
assert client.persistentVolumeClaims().inNamespace(context.namespace).withName(context.claim).get().status.phase == 'Bound'
true
