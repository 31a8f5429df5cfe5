// After create and build: the Deployment care0 with two ready pods whose buildkitd runs with --debug.
def client = context.cluster.client()
def care0 = client.apps().deployments().inNamespace(context.namespace).withName('care0').get()
assert care0 : 'create should have made the Deployment care0'
assert care0.status.readyReplicas == 2
assert care0.spec.template.spec.containers[0].args.contains('--debug')
context.pods = client.pods().inNamespace(context.namespace).withLabel('app', 'care0').list().items*.metadata*.name
assert context.pods.size() == 2
dev.kbuildx.it.BuildLog.of(basedir).latestRun().containsInOrder("BUILD SUCCESS")
true
