// A throwaway deploy key for this run, made with JCA and written as ssh-keygen writes it.
import dev.kbuildx.buildkit.session.TestSshKeys

def key = new File(basedir, 'target/ssh/id_ed25519').toPath()
java.nio.file.Files.createDirectories(key.parent)
TestSshKeys.write(key, TestSshKeys.ed25519(), 'kbuildx-it-deploy-key')
true
