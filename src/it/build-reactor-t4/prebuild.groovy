// The images must come from this run, not an earlier one.
def engine = dev.kbuildx.engine.TestEngine.require()
['one', 'two', 'three', 'four'].each { engine.removeImage("kbuildx-it/reactor-t4-${it}:1") }
true
