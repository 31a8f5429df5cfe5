// After a plain rm: the StatefulSet and its ConfigMap are gone, the claim with BuildKit's cache stays.
def client = context.cluster.client()
def labelled = { it.inNamespace(context.namespace).withLabel('kbuildx.dev/builder', 'cache').list().items }
assert labelled(client.apps().statefulSets()).isEmpty()
assert labelled(client.configMaps()).isEmpty()
def claim = client.persistentVolumeClaims().inNamespace(context.namespace).withName(context.claim).get()
assert claim && !claim.metadata.deletionTimestamp : 'rm must keep the claim'
dev.kbuildx.it.BuildLog.of(basedir).invocation(2)
    .containsInOrder('deleted StatefulSet "cache0"', 'kept 1 persistent volume claims', context.claim)
true
