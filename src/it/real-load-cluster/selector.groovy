dev.kbuildx.real.RealCluster.containerdAvailable()
