// After append: Deployment real1 of the same builder, its pod ready; real0 unchanged.
def client = context.cluster.client()
def real1 = client.apps().deployments().inNamespace(context.namespace).withName('real1').get()
assert real1 : 'append should have made the Deployment real1'
assert real1.metadata.labels['app.kubernetes.io/managed-by'] == 'kbuildx'
assert real1.metadata.labels['kbuildx.dev/builder'] == 'real'
assert real1.metadata.labels['kbuildx.dev/node'] == 'real1'
assert real1.status.readyReplicas == 1
def pods = client.pods().inNamespace(context.namespace).withLabel('app', 'real1').list().items
assert pods.size() == 1 && pods[0].status.conditions.any { it.type == 'Ready' && it.status == 'True' }
assert client.apps().deployments().inNamespace(context.namespace).withName('real0').get().metadata.uid == context.real0Uid
context.real1Pods = pods*.metadata*.name
true
