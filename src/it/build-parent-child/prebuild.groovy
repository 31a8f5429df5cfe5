// The images must come from this run, not an earlier one.
def engine = dev.kbuildx.engine.TestEngine.require()
['alpha', 'beta'].each { engine.removeImage("kbuildx-it/parent-child-${it}:1.0") }
true
