// du after prune: the space the build used is freed.
import com.fasterxml.jackson.databind.ObjectMapper

def json = new ObjectMapper().readTree(dev.kbuildx.it.BuildLog.of(basedir).latestRun().text())
def total = json.get('total').asLong()
assert total <= context.totalBefore - 300_000 : "before ${context.totalBefore}, after ${total}"
assert !json.get('nodes').get(0).get('records').any { it.get('description').asText().contains('COPY payload.bin') }
true
