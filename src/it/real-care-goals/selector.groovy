dev.kbuildx.real.RealCluster.available()
