// After create with a changed env: the same Deployment (same uid), updated and rolled out to two new ready pods.
def client = context.cluster.client()
def real0 = client.apps().deployments().inNamespace(context.namespace).withName('real0').get()
assert real0.metadata.uid == context.real0Uid : 'create must update real0, not replace it'
assert real0.metadata.generation > 1
assert real0.spec.template.spec.containers[0].env.find { it.name == 'KBUILDX_IT' }?.value == 'reconciled'
assert real0.status.observedGeneration == real0.metadata.generation
assert real0.status.updatedReplicas == 2 && real0.status.readyReplicas == 2
def pods = client.pods().inNamespace(context.namespace).withLabel('app', 'real0').list().items
    .findAll { !it.metadata.deletionTimestamp }
assert pods.size() == 2 && pods.every { pod ->
    pod.spec.containers[0].env.find { it.name == 'KBUILDX_IT' }?.value == 'reconciled' &&
        pod.status.conditions.any { it.type == 'Ready' && it.status == 'True' } } : pods*.metadata*.name
assert !pods*.metadata*.name.intersect(context.firstPods)
dev.kbuildx.it.BuildLog.of(basedir).invocation(3).containsInOrder('node real0: ', 'KBUILDX_IT', 'updated Deployment')
context.updatedPods = pods*.metadata*.name
true
