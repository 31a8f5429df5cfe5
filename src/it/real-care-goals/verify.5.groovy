// prune says what node care0 freed, and the total.
def run = dev.kbuildx.it.BuildLog.of(basedir).latestRun()
run.containsInOrder('Node care0: deleted ', ' records, freed ', 'Total freed: ', 'BUILD SUCCESS')
true
