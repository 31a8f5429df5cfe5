// After rm: no workload and no ConfigMap of the builder is left.
def client = context.cluster.client()
def labelled = { it.inNamespace(context.namespace).withLabel('kbuildx.dev/builder', 'real').list().items }
assert labelled(client.apps().deployments()).isEmpty()
assert labelled(client.apps().statefulSets()).isEmpty()
assert labelled(client.configMaps()).isEmpty()
true
