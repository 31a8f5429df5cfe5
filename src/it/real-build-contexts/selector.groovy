dev.kbuildx.real.RealBuildkit.available()
