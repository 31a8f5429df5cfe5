// The tables go through Maven's log, as buildx lays them out.
def run = dev.kbuildx.it.BuildLog.of(basedir).latestRun()
run.containsInOrder('[INFO] Name:          care', '[INFO] Driver:        kubernetes', '[INFO] Nodes:',
    '[INFO] Name:                  care0', '[INFO] Status:                running',
    '[INFO] BuildKit daemon flags: --debug', '[INFO] BuildKit version:      v0.24', '[INFO] Platforms:             linux/amd64*',
    '[INFO] Node care0:', '[INFO] Total:', 'BUILD SUCCESS')
true
