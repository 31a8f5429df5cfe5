// After mvn package: the builder was created in the namespace of the service account's namespace
// file, its pods run as the declared service account, and the image was built on it.
import dev.kbuildx.it.BuildLog
import groovy.json.JsonSlurper

def apps = context.cluster.client().apps().deployments()
def node = apps.inNamespace('ci').withName('ci-amd64').get()
assert node : 'the builder should be in namespace "ci", read from serviceaccount/namespace'
assert node.metadata.labels['kbuildx.dev/builder'] == 'ci'
assert node.spec.template.spec.serviceAccountName == 'buildkit'

BuildLog.of(basedir).invocation(1).containsInOrder('ci-amd64', 'COPY hello.txt', 'BUILD SUCCESS')
def result = new JsonSlurper().parse(new File(basedir, 'target/kbuildx/build-result.json'))
assert result.builder.contains('ci-amd64')
true
