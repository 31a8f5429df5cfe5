// ls as JSON: the builder, its node and both pods with the BuildKit version each reports.
import com.fasterxml.jackson.databind.ObjectMapper

def json = new ObjectMapper().readTree(dev.kbuildx.it.BuildLog.of(basedir).latestRun().text())
def builder = json.get('builders').find { it.get('name').asText() == 'care' }
assert builder != null && builder.get('driver').asText() == 'kubernetes'
def node = builder.get('nodes').get(0)
assert node.get('name').asText() == 'care0' && node.get('namespace').asText() == context.namespace
assert node.get('pods')*.get('name')*.asText().sort() == context.pods.sort()
node.get('pods').each { assert it.get('buildkitVersion').asText().startsWith('v0.24') }
true
