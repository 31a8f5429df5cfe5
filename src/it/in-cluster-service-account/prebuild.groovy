// The mock cluster plays the pod's API server. serviceaccount/ gets what the kubelet mounts into
// every pod: the token, the API server's CA certificate and the namespace.
import dev.kbuildx.it.MockCluster
import java.security.cert.X509Certificate
import javax.net.ssl.SSLContext
import javax.net.ssl.SSLSocket
import javax.net.ssl.X509TrustManager

def cluster = MockCluster.start()
context.cluster = cluster
def port = new URI(cluster.url()).port

def accounts = new File(basedir, 'serviceaccount')
accounts.mkdirs()
new File(accounts, 'token').text = 'kbuildx-it-service-account-token'
new File(accounts, 'namespace').text = 'ci'

// The mock API server's certificate is self-signed for 127.0.0.1, so it is its own CA: fetch it
// once without checking it, so that the build then checks the server against it.
def fetchOnly = [
    checkClientTrusted: { chain, type -> },
    checkServerTrusted: { chain, type -> },
    getAcceptedIssuers: { new X509Certificate[0] }] as X509TrustManager
def tls = SSLContext.getInstance('TLS')
tls.init(null, [fetchOnly] as javax.net.ssl.TrustManager[], null)
def certificate = ((SSLSocket) tls.socketFactory.createSocket('127.0.0.1', port)).withCloseable { socket ->
    socket.startHandshake()
    socket.session.peerCertificates[0]
}
new File(accounts, 'ca.crt').text = '-----BEGIN CERTIFICATE-----\n' +
    java.util.Base64.getMimeEncoder(64, '\n'.bytes).encodeToString(certificate.encoded) +
    '\n-----END CERTIFICATE-----\n'

context.userProperties['KUBERNETES_SERVICE_PORT'] = port as String
true
