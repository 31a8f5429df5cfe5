import dev.kbuildx.it.BuildLog
import dev.kbuildx.it.DryRunYaml
import io.fabric8.kubernetes.api.model.apps.Deployment

def file = new File(basedir, 'target/builder.yaml')
assert file.isFile()
def text = file.getText('UTF-8')
assert !text.contains('\u001b') : 'no console escape codes in the file'
def deployment = DryRunYaml.parse(text).get(Deployment, 'kube0')
assert deployment.spec.replicas == 3
assert BuildLog.of(basedir).text().contains('Wrote the objects that would be applied to')
assert !BuildLog.of(basedir).text().contains('kind: Deployment') : 'the YAML goes to the file, not the log'
