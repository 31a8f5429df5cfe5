// Both runs succeed without building: no Dockerfile exists and no engine is reachable.
import dev.kbuildx.it.BuildLog

def log = BuildLog.of(basedir)
log.invocation(1).containsInOrder('Skipping kbuildx:build for pom packaging; set kbuildx.skipPom=false to build',
    'BUILD SUCCESS').doesNotContain('Dockerfile on ')
log.invocation(2).containsInOrder('Skipping kbuildx because kbuildx.skip is true', 'BUILD SUCCESS')
    .doesNotContain('Dockerfile on ')
assert !new File(basedir, 'target/kbuildx/build-result.json').exists()
true
