// After mvn package: the image is in the engine with its labels, and build-result.json describes it.
import dev.kbuildx.engine.TestEngine
import dev.kbuildx.it.BuildLog
import groovy.json.JsonSlurper

def engine = TestEngine.require()
BuildLog.of(basedir).invocation(1).containsInOrder(
    'kbuildx-maven-plugin', ':build', 'Dockerfile on docker-engine unix://',
    'COPY hello.txt /hello.txt', 'RUN echo', 'hello from the context', 'DONE',
    'Built kbuildx-it/build-engine:1', 'BUILD SUCCESS')

assert engine.imageExists('kbuildx-it/build-engine:1')
def labels = engine.engineApi('GET', '/images/kbuildx-it/build-engine:1/json').json().path('Config').path('Labels')
assert labels.path('team').asText() == 'it'
assert labels.path('org.opencontainers.image.version').asText() == '1.0'
assert labels.path('org.opencontainers.image.title').asText() == 'Build on the engine'
assert labels.path('org.opencontainers.image.source').asText() == 'https://git.example.com/build-engine'

def result = new JsonSlurper().parse(new File(basedir, 'target/kbuildx/build-result.json'))
assert result.builder.startsWith('docker-engine unix://')
assert result.tags == ['kbuildx-it/build-engine:1']
assert result.digest ==~ /sha256:[0-9a-f]{64}/
true
