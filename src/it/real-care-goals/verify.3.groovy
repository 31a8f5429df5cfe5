// du as JSON: the build's cache is there, its COPY at least as large as the payload.
import com.fasterxml.jackson.databind.ObjectMapper

def json = new ObjectMapper().readTree(dev.kbuildx.it.BuildLog.of(basedir).latestRun().text())
assert json.get('nodes').get(0).get('name').asText() == 'care0'
def records = json.get('nodes').get(0).get('records')
assert records.any { it.get('description').asText().contains('COPY payload.bin') && it.get('size').asLong() >= 300_000 }
context.totalBefore = json.get('total').asLong()
assert context.totalBefore >= 300_000
true
