// After run 1: the parent was skipped; each module built its own image into the engine, with the
// tag, build arguments and labels it inherited from the parent (and beta's own additions).
import dev.kbuildx.engine.TestEngine
import dev.kbuildx.it.BuildLog
import groovy.json.JsonSlurper

def engine = TestEngine.require()
def run = BuildLog.of(basedir).invocation(1)
run.containsInOrder(
    'kbuildx-maven-plugin', ':build (image) @ build-parent-child',
    'Skipping kbuildx:build for pom packaging',
    ':build (image) @ alpha', 'alpha/Dockerfile on docker-engine unix://', 'Built kbuildx-it/parent-child-alpha:1.0',
    ':build (image) @ beta', 'beta/Dockerfile on docker-engine unix://', 'Built kbuildx-it/parent-child-beta:1.0',
    'BUILD SUCCESS')
assert run.lines(/Skipping kbuildx:build/).size() == 1
assert !new File(basedir, 'target/kbuildx').exists()

def image = { String module ->
    def tag = "kbuildx-it/parent-child-${module}:1.0"
    def result = new JsonSlurper().parse(new File(basedir, "${module}/target/kbuildx/build-result.json"))
    assert result.builder.startsWith('docker-engine unix://')
    assert result.tags == [tag]
    def inspect = engine.engineApi('GET', "/images/${tag}/json")
    assert inspect.status() == 200 : "${tag} is not in the engine: ${inspect.text()}"
    // The engine's builder reports the image id as the digest.
    assert result.digest == inspect.json().path('Id').asText()
    inspect.json().path('Config').path('Labels')
}

def alpha = image('alpha')
assert alpha.path('team').asText() == 'it'
assert alpha.path('module').asText() == 'alpha'
assert alpha.path('org.opencontainers.image.title').asText() == 'Alpha service'
assert alpha.path('org.opencontainers.image.version').asText() == '1.0'
assert alpha.path('tier').isMissingNode()

def beta = image('beta')
assert beta.path('team').asText() == 'it'
assert beta.path('module').asText() == 'beta'
assert beta.path('tier').asText() == 'backend'
assert beta.path('org.opencontainers.image.title').asText() == 'Beta service'
// The Dockerfile's LABEL expands the build arguments: beta's own GREETING, the inherited MODULE.
assert beta.path('greeting').asText() == 'hello from beta'
assert beta.path('built.for').asText() == 'beta'
true
