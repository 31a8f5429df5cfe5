// After run 2: the parallel builds wrote each module's files to that module's target/rootfs.
import dev.kbuildx.it.BuildLog

def modules = ['one', 'two', 'three', 'four']
BuildLog.of(basedir).invocation(2).containsInOrder('thread count of 4', 'BUILD SUCCESS')
    .doesNotContain('@threadSafe')
    .doesNotContain('thread-safe')
modules.each { module ->
    assert new File(basedir, "${module}/target/rootfs/module.txt").text == "the context of module ${module}\n"
    assert new File(basedir, "${module}/target/rootfs/built-for.txt").text == "built for ${module}\n"
}
true
