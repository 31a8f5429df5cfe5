// The image must come from this run, not an earlier one.
dev.kbuildx.engine.TestEngine.require().removeImage('kbuildx-it/build-engine:1')
true
