// After create: Deployment real0 with the builder's labels and its ConfigMap, both of its pods ready.
def client = context.cluster.client()
def real0 = client.apps().deployments().inNamespace(context.namespace).withName('real0').get()
assert real0 : 'create should have made the Deployment real0'
assert real0.metadata.labels['app.kubernetes.io/managed-by'] == 'kbuildx'
assert real0.metadata.labels['kbuildx.dev/builder'] == 'real'
assert real0.metadata.labels['kbuildx.dev/node'] == 'real0'
assert real0.spec.replicas == 2
assert real0.status.readyReplicas == 2
def pods = client.pods().inNamespace(context.namespace).withLabel('app', 'real0').list().items
assert pods.size() == 2 : pods*.metadata*.name
assert pods.every { pod -> pod.status.conditions.any { it.type == 'Ready' && it.status == 'True' } }
assert client.configMaps().inNamespace(context.namespace).withLabel('kbuildx.dev/builder', 'real').list().items
context.real0Uid = real0.metadata.uid
context.firstPods = pods*.metadata*.name
true
