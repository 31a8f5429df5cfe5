// One mock cluster for all invocations of this test; verify.groovy closes it.
context.cluster = dev.kbuildx.it.MockCluster.startFor(basedir)
true
