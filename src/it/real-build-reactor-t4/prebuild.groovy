// A fresh namespace for the builder, the pod registry for the images, and eight alike image modules.
def cluster = dev.kbuildx.real.RealCluster.forProject(basedir, 't4')
try {
    def registry = cluster.podRegistry()
    // An absolute path, the same in the parent and in every module.
    def properties = new Properties()
    properties.podRegistry = registry
    properties.reactorKubeconfig = new File(basedir, 'kubeconfig').absolutePath
    new File(basedir, 'cluster.properties').withOutputStream { properties.store(it, null) }
} finally {
    cluster.close()
}
(1..8).each { index ->
    def module = new File(basedir, "m${index}")
    module.mkdirs()
    new File(module, 'module.txt').text = "module m${index}\n"
    new File(module, 'Dockerfile').text = 'FROM scratch\nCOPY module.txt /\n'
    new File(module, 'pom.xml').text = """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <parent>
    <groupId>dev.kbuildx.it</groupId>
    <artifactId>real-build-reactor-t4</artifactId>
    <version>1.0</version>
  </parent>
  <artifactId>m${index}</artifactId>
  <packaging>pom</packaging>
  <properties>
    <skipImage>false</skipImage>
  </properties>
</project>
"""
}
true
