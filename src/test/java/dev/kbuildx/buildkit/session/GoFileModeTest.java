package dev.kbuildx.buildkit.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoFileModeTest {

  @ParameterizedTest(name = "st_mode {0} is Go mode {1}")
  @CsvSource({
      "0100644, 0x000001A4",
      "0100755, 0x000001ED",
      "0040755, 0x800001ED",
      "0120777, 0x080001FF",
      "0010644, 0x020001A4",
      "0140755, 0x010001ED",
      "0020666, 0x042001B6",
      "0060660, 0x040001B0",
      "0104755, 0x008001ED",
      "0102755, 0x004001ED",
      "0041777, 0x801001FF",
  })
  void convertsPosixModesLikeGo(String posix, String go) {
    assertThat(GoFileMode.fromPosix(Integer.parseInt(posix, 8))).isEqualTo(Integer.parseUnsignedInt(go.substring(2), 16));
  }

  @ParameterizedTest(name = "directory {0}, symlink {1}, read-only {2}")
  @CsvSource({
      "false, false, false, 0x000001ED",
      "false, false, true,  0x0000016D",
      "true,  false, false, 0x800001ED",
      "false, true,  false, 0x080001ED",
  })
  void givesWindowsEntriesFsutilsPermissions(boolean directory, boolean symlink, boolean readOnly, String go) {
    assertThat(GoFileMode.fromWindows(directory, symlink, readOnly))
        .isEqualTo(Integer.parseUnsignedInt(go.substring(2), 16));
  }

  @ParameterizedTest(name = "Go mode {0} is chmod {1}")
  @CsvSource({"0x000001A4, 0644", "0x808001ED, 04755", "0x004001ED, 02755", "0x801001FF, 01777"})
  void convertsBackToPosixPermissions(String go, String posix) {
    assertThat(GoFileMode.toPosixPermissions(Integer.parseUnsignedInt(go.substring(2), 16)))
        .isEqualTo(Integer.parseInt(posix, 8));
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({"0x000001A4, rw-r--r--", "0x800001ED, rwxr-xr-x", "0x00000000, ---------"})
  void convertsToJavaPermissions(String go, String permissions) {
    assertThat(GoFileMode.permissions(Integer.parseUnsignedInt(go.substring(2), 16)))
        .isEqualTo(PosixFilePermissions.fromString(permissions));
  }

  @ParameterizedTest(name = "Go mode {0} has data: {1}")
  @CsvSource({"0x000001A4, true", "0x008001ED, true", "0x800001ED, false", "0x080001FF, false",
      "0x020001A4, false", "0x042001B6, false"})
  void onlyRegularFilesHaveData(String go, boolean regular) {
    assertThat(GoFileMode.isRegular(Integer.parseUnsignedInt(go.substring(2), 16))).isEqualTo(regular);
  }
}
