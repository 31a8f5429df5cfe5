// After create: a StatefulSet with a claim template, and the claim the controller made from it.
def client = context.cluster.client()
def statefulSet = client.apps().statefulSets().inNamespace('builds').withName('cache0').get()
assert statefulSet : 'persistent storage should make a StatefulSet cache0'
assert !client.apps().deployments().inNamespace('builds').withName('cache0').get()
assert statefulSet.metadata.labels['kbuildx.dev/builder'] == 'cache'
assert statefulSet.spec.volumeClaimTemplates*.metadata*.name == ['buildkitd']
assert statefulSet.spec.volumeClaimTemplates[0].spec.resources.requests['storage'].toString() == '1Gi'
assert statefulSet.status.readyReplicas == 1
assert client.persistentVolumeClaims().inNamespace('builds').withName('buildkitd-cache0-0').get()
