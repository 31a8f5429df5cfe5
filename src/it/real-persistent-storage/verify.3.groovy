// After rm -Dkbuildx.removeVolumes: the claim is deleted; that completes once the old pod is gone.
import java.util.concurrent.TimeUnit

context.cluster.client().persistentVolumeClaims().inNamespace(context.namespace).withName(context.claim)
    .waitUntilCondition({ it == null }, 2, TimeUnit.MINUTES)
dev.kbuildx.it.BuildLog.of(basedir).invocation(3).containsInOrder('deleted PersistentVolumeClaim "' + context.claim + '"')
true
