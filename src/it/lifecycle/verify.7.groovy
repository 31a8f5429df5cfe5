// After rm of one node: its Deployment is gone, the other node stays.
def apps = context.cluster.client().apps().deployments().inNamespace('builds')
assert !apps.withName('ci-arm').get()
assert apps.withName('ci0').get()
