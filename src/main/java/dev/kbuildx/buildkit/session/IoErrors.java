package dev.kbuildx.buildkit.session;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** Short, readable reasons for file errors, which the daemon shows as build errors. */
final class IoErrors {
  private IoErrors() {}

  static String describe(Exception error) {
    if (error instanceof AccessDeniedException denied) {
      return "permission denied: " + denied.getFile();
    }
    if (error instanceof NoSuchFileException missing) {
      return "no such file or directory: " + missing.getFile();
    }
    if (error instanceof FileSystemException fileError && fileError.getReason() != null) {
      return fileError.getReason() + ": " + fileError.getFile();
    }
    return error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
  }
}
