// A namespace of this test's own with a kubeconfig that uses it, and the builder's buildkitd config:
// the only place that says the pod registry serves plain HTTP.
import dev.kbuildx.real.RealCluster

RealCluster.forProject(basedir, 'multi-arch').withCloseable { cluster ->
    new File(basedir, 'buildkitd.toml').text = """\
        [registry."${cluster.podRegistry()}"]
          http = true
        """.stripIndent()
}
true
