// inspect -Dkbuildx.format=json under -q: only the JSON, and it matches what the cluster holds.
import com.fasterxml.jackson.databind.ObjectMapper

def run = dev.kbuildx.it.BuildLog.of(basedir).latestRun()
def json = new ObjectMapper().readTree(run.text())
assert json.get('name').asText() == 'care'
assert json.get('driver').asText() == 'kubernetes'
def node = json.get('nodes').get(0)
assert node.get('name').asText() == 'care0'
assert node.get('status').asText() == 'running'
assert node.get('endpoint').asText().contains("namespace=${context.namespace}")
assert node.get('pods')*.get('name')*.asText().sort() == context.pods.sort()
assert node.get('buildkitVersion').asText().startsWith('v0.24')
assert node.get('buildkitdFlags')*.asText().contains('--debug')
assert node.get('declaredPlatforms')*.asText() == ['linux/amd64']
assert node.get('platforms')*.asText().contains('linux/amd64')
assert node.get('driverOptions').get('replicas').asText() == '2'
true
