// After run 1: a parallel reactor built four distinct images into the engine, each module's result
// naming its own image, and Maven found every goal thread-safe.
import dev.kbuildx.engine.TestEngine
import dev.kbuildx.it.BuildLog
import groovy.json.JsonSlurper

def modules = ['one', 'two', 'three', 'four']
def engine = TestEngine.require()
def run = BuildLog.of(basedir).invocation(1)
run.containsInOrder('thread count of 4', 'BUILD SUCCESS')
    .doesNotContain('@threadSafe')
    .doesNotContain('thread-safe')
modules.each { module ->
    run.containsInOrder("${module}/Dockerfile on docker-engine unix://")
    run.containsInOrder("the context of module ${module}")
    run.containsInOrder("Built kbuildx-it/reactor-t4-${module}:1 (sha256:")
}
// The builds overlapped: every module had started before the first one finished.
def events = run.lines(/\[INFO\] (Building \S+Dockerfile on|Built )/)
assert events.size() == 8
assert events.take(4).every { it.contains('Dockerfile on') } : "the builds ran one after another:\n${events.join('\n')}"

def digests = modules.collect { module ->
    def tag = "kbuildx-it/reactor-t4-${module}:1"
    def result = new JsonSlurper().parse(new File(basedir, "${module}/target/kbuildx/build-result.json"))
    assert result.tags == [tag]
    def inspect = engine.engineApi('GET', "/images/${tag}/json")
    assert inspect.status() == 200 : "${tag} is not in the engine: ${inspect.text()}"
    // The engine's builder reports the image id as the digest.
    assert result.digest == inspect.json().path('Id').asText()
    assert inspect.json().path('Config').path('Labels').path('module').asText() == module
    result.digest
}
assert digests.unique(false).size() == 4 : "the four images are not distinct: ${digests}"
true
