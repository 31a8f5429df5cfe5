// What each build wrote out: the named context's file, and a stamp that only noCacheFilter renews.
def file = { int run, String name -> new File(basedir, "target/rootfs-${run}/${name}").text }

assert file(1, 'extra.txt') == 'from the POM context\n'
assert file(3, 'extra.txt') == 'from the property context\n'
assert file(1, 'stamp.txt') ==~ /[0-9a-f-]{36}\n/
assert file(2, 'stamp.txt') == file(1, 'stamp.txt') : 'without the filter the stamp stage comes from the cache'
assert file(3, 'stamp.txt') != file(1, 'stamp.txt') : 'noCacheFilter=stamp must run the stamp stage again'
true
