// Between the runs: the engine forgets run 1's image and its whole build cache, as a fresh builder
// would, so that only the cache inside the pushed image can make run 2's steps CACHED.
import dev.kbuildx.engine.TestEngine

def engine = TestEngine.require()
engine.removeImage("${System.getenv('KBUILDX_TEST_REGISTRY')}/kbuildx-it/registry-cache:1")
def prune = engine.engineApi('POST', '/build/prune?all=1')
assert prune.status() == 200 : "pruning the engine's build cache failed: ${prune.text()}"
// Run 1's cache records were unused by now, so they were among the deleted ones.
assert prune.json().path('CachesDeleted').size() > 0 : "the prune deleted nothing: ${prune.text()}"
true
