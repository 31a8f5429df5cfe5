// RUN needs a program and the daemon pulls no base image offline: the host's static busybox goes into the context.
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption

Files.copy(Path.of('/bin/busybox'), basedir.toPath().resolve('busybox'), StandardCopyOption.REPLACE_EXISTING)
true
