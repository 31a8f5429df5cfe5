// After a plain rm: the StatefulSet is gone, the cache volume stays for the next create.
def client = context.cluster.client()
assert !client.apps().statefulSets().inNamespace('builds').withName('cache0').get()
assert client.persistentVolumeClaims().inNamespace('builds').withName('buildkitd-cache0-0').get()
