package dev.kbuildx.jvm;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * While goals run, keeps HotSpot's optimising compiler (C2) off the JVM's code, so that the quick
 * compiler (C1) compiles what the goal runs. A goal lasts seconds in a JVM that loads thousands of
 * classes for it, and C2 would spend several seconds of CPU optimising code that runs for one of
 * them, on the cores the build needs (the benchmark page measures it). The JDK's ciphers are left to
 * C2: their fast AES and GHASH code exists only there. The directives are in
 * {@code quick-compilation.json} beside this class.
 *
 * <p>They go in through HotSpot's diagnostic command {@code Compiler.directives_add} when the first
 * goal starts, on a thread of their own, and come out when the last goal ends. A method that became
 * hot meanwhile keeps C1's code afterwards, which is why the Maven goals do not use this in a
 * parallel build, where other plugins run beside them. On a JVM without these commands nothing
 * changes.
 */
public final class QuickCompilation implements AutoCloseable {
  private static final String DIRECTIVES = "quick-compilation.json";
  private static final Pattern ADDED = Pattern.compile("(\\d+) compiler directives added");
  private static final Duration LONGEST_WAIT = Duration.ofSeconds(10);

  private static final Object LOCK = new Object();
  private static int open;
  private static ExecutorService commands;
  /** How many directives this class put on the compiler's stack; used only on the commands thread. */
  private static int added;

  private final Consumer<String> debug;
  private boolean closed;

  private QuickCompilation(Consumer<String> debug) {
    this.debug = debug;
  }

  /**
   * Starts a goal's span; the directives go in when no other span is open.
   *
   * @param debug where to say what was done or why it could not be, at debug level
   */
  public static QuickCompilation start(Consumer<String> debug) {
    synchronized (LOCK) {
      if (open++ == 0) {
        submit(() -> add(debug));
      }
    }
    return new QuickCompilation(debug);
  }

  /** Ends the span; the directives come out when it was the last one open, before this returns. */
  @Override
  public void close() {
    CompletableFuture<Void> removal;
    synchronized (LOCK) {
      if (closed) {
        return;
      }
      closed = true;
      if (--open > 0) {
        return;
      }
      removal = submit(() -> remove(debug));
    }
    try {
      removal.get(LONGEST_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      debug.accept("the JVM did not confirm that kbuildx's compiler directives were removed: " + e);
    }
  }

  /** Adding and removing run one after the other on one thread, so that a removal finds what was added. */
  private static CompletableFuture<Void> submit(Runnable command) {
    if (commands == null) {
      commands = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "kbuildx-quick-compilation");
        thread.setDaemon(true);
        return thread;
      });
    }
    return CompletableFuture.runAsync(command, commands);
  }

  private static void add(Consumer<String> debug) {
    long start = System.nanoTime();
    Path file = null;
    try {
      file = Files.createTempFile("kbuildx-compiler-directives", ".json");
      try (InputStream directives = QuickCompilation.class.getResourceAsStream(DIRECTIVES)) {
        Files.copy(directives, file, StandardCopyOption.REPLACE_EXISTING);
      }
      String answer = command("compilerDirectivesAdd", file.toString()).trim();
      Matcher count = ADDED.matcher(answer);
      added = count.find() ? Integer.parseInt(count.group(1)) : 0;
      if (added == 0) {
        debug.accept("the JVM did not take kbuildx's compiler directives: " + answer);
        return;
      }
      debug.accept("C2 compiler kept off while kbuildx goals run (" + added + " compiler directives, "
          + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms)");
    } catch (IOException | JMException | RuntimeException e) {
      debug.accept("the JVM's compilers left as they are: " + e);
    } finally {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException e) {
          debug.accept("could not delete " + file + ": " + e);
        }
      }
    }
  }

  private static void remove(Consumer<String> debug) {
    if (added == 0) {
      return;
    }
    try {
      for (; added > 0; added--) {
        command("compilerDirectivesRemove");
      }
      debug.accept("C2 compiler back on");
    } catch (JMException | RuntimeException e) {
      debug.accept("could not remove kbuildx's compiler directives: " + e);
    }
  }

  /** Runs a HotSpot diagnostic command (as {@code jcmd} does) and returns what it printed. */
  private static String command(String operation, String... arguments) throws JMException {
    Object answer = ManagementFactory.getPlatformMBeanServer().invoke(
        new ObjectName("com.sun.management:type=DiagnosticCommand"), operation,
        new Object[] {arguments}, new String[] {String[].class.getName()});
    return String.valueOf(answer);
  }
}
